"""The economy's demo data and catalogues: seeded by code, refreshed without duplicates."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.achievements.models import Achievement
from app.achievements.seed import seed_achievements
from app.economy.models import EconomyRule, UserProgress
from app.economy.seed import DEMO_BALANCE, seed_economy
from app.gamification.activities import ActivityName
from app.quests.models import Quest
from app.quests.seed import seed_quests
from app.store.models import StoreItem
from app.store.seed import seed_store
from app.users.models import User
from app.users.seed import DEMO_USERS, seed_users
from tests.economy.support import balance, check_ledger


async def seed(session: AsyncSession) -> None:
    await seed_users(session)
    await seed_economy(session)
    await seed_quests(session)
    await seed_achievements(session)
    await seed_store(session)


async def count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_seeding_twice_gives_the_same_catalogues_and_balances(
    session: AsyncSession,
) -> None:
    await seed(session)
    quest = await session.scalar(select(Quest).where(Quest.code == "special.first-team"))
    assert quest is not None
    quest.reward_pd = 1

    await seed(session)

    assert [await count(session, m) for m in (Quest, Achievement, StoreItem)] == [10, 6, 11]
    await session.refresh(quest)
    assert quest.reward_pd == 200
    alice = await session.scalar(select(User).where(User.username == "alice"))
    assert alice is not None
    assert await balance(session, alice) == DEMO_BALANCE
    city = select(UserProgress.city_key).where(UserProgress.user_id == alice.id)
    assert await session.scalar(city) == "москва"
    assert len(DEMO_USERS) == await count(session, UserProgress)
    await check_ledger(session)


async def test_rules_and_catalogues_name_known_activities(session: AsyncSession) -> None:
    await seed(session)
    known = {activity.value for activity in ActivityName}

    named = set((await session.scalars(select(EconomyRule.activity))).all())
    for model in (Quest, Achievement):
        for activities in (await session.scalars(select(model.activities))).all():
            named.update(activities)

    assert named <= known
    assert known <= named, "an activity nothing uses"
