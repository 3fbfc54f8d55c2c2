"""claimQuestReward: a completed quest pays once per period, with boosters applied."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.auth.roles import Role
from app.economy.models import LedgerTransfer, TransferKind, XpEntry
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.periods import Period, period_key
from app.quests.events import QuestRewardClaimed
from app.quests.models import QuestProgress, QuestType
from app.store import service as store
from app.store.models import ItemType
from tests.economy.support import balance, check_ledger, xp
from tests.factories import (
    add_quest_progress,
    create_quest,
    create_store_item,
    create_user,
    fund,
)
from tests.fixtures.app import GQL, TestClock

CLAIM = """
mutation($input: ClaimQuestRewardInput!) {
  claimQuestReward(input: $input) {
    __typename
    ... on ClaimQuestRewardPayload {
      pd xp balance
      quest { code period progress goal completed claimed claimedAt }
    }
    ... on QuestNotCompleted { code progress goal }
    ... on QuestAlreadyClaimed { code message }
    ... on NotFound { code }
  }
}
"""
MOSCOW = ZoneInfo("Europe/Moscow")


def claim(quest_id: Any) -> dict[str, Any]:
    return {"input": {"questId": str(quest_id)}}


async def state(session: AsyncSession) -> tuple[Any, ...]:
    transfers = (await session.scalars(select(LedgerTransfer.id))).all()
    entries = (await session.scalars(select(XpEntry.id))).all()
    progress = (
        await session.execute(select(QuestProgress.quest_id, QuestProgress.claimed_at))
    ).all()
    events = (await session.scalars(select(OutboxEvent.type))).all()
    return (
        sorted(map(str, transfers)),
        sorted(map(str, entries)),
        sorted(map(str, progress)),
        events,
    )


async def test_a_completed_quest_pays_its_reward(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    quest = await create_quest(session, code="test.first-team", reward_pd=200, reward_xp=30)
    await add_quest_progress(session, user=user, quest=quest, period="once")

    response = await gql(CLAIM, claim(quest.id), as_user=user)

    assert response.data["claimQuestReward"] == {
        "__typename": "ClaimQuestRewardPayload",
        "pd": 200,
        "xp": 30,
        "balance": 200,
        "quest": {
            "code": "test.first-team",
            "period": "once",
            "progress": 1,
            "goal": 1,
            "completed": True,
            "claimed": True,
            "claimedAt": clock.now().isoformat(),
        },
    }
    assert (await balance(session, user), await xp(session, user)) == (200, 30)
    transfer = await session.scalar(
        select(LedgerTransfer).where(LedgerTransfer.kind == TransferKind.QUEST_REWARD)
    )
    assert transfer is not None
    assert transfer.description == f"Квест «{quest.title}»"
    [event] = (
        await session.scalars(select(OutboxEvent).where(OutboxEvent.type == "quest.reward_claimed"))
    ).all()
    assert to_envelope(event).event() == QuestRewardClaimed(
        user_id=user.id, quest_id=quest.id, code="test.first-team", period="once", pd=200, xp=30
    )
    await check_ledger(session)


async def test_a_second_claim_pays_nothing(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)
    quest = await create_quest(session)
    await add_quest_progress(session, user=user, quest=quest, period="once")
    await gql(CLAIM, claim(quest.id), as_user=user)
    before = await state(session)

    response = await gql(CLAIM, claim(quest.id), as_user=user)

    assert response.data["claimQuestReward"] == {
        "__typename": "QuestAlreadyClaimed",
        "code": "QUEST_ALREADY_CLAIMED",
        "message": "Награда за этот квест уже получена",
    }
    assert await state(session) == before


async def test_an_unfinished_quest_pays_nothing(gql: GQL, session: AsyncSession) -> None:
    user, newcomer = await create_user(session), await create_user(session)
    quest = await create_quest(session, goal=3)
    await add_quest_progress(session, user=user, quest=quest, period="once", progress=2)
    before = await state(session)

    started = await gql(CLAIM, claim(quest.id), as_user=user)
    untouched = await gql(CLAIM, claim(quest.id), as_user=newcomer)

    assert started.data["claimQuestReward"] == {
        "__typename": "QuestNotCompleted",
        "code": "QUEST_NOT_COMPLETED",
        "progress": 2,
        "goal": 3,
    }
    assert untouched.data["claimQuestReward"]["progress"] == 0
    assert await state(session) == before


async def test_a_daily_quest_pays_for_today_only_and_again_tomorrow(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    quest = await create_quest(session, type=QuestType.DAILY, reward_pd=10, reward_xp=0)
    yesterday = period_key(Period.DAY, clock.now() - timedelta(days=1), MOSCOW)
    today = period_key(Period.DAY, clock.now(), MOSCOW)
    await add_quest_progress(session, user=user, quest=quest, period=yesterday)

    late = await gql(CLAIM, claim(quest.id), as_user=user)
    await add_quest_progress(session, user=user, quest=quest, period=today)
    paid = await gql(CLAIM, claim(quest.id), as_user=user)
    clock.advance(timedelta(days=1))
    tomorrow = await gql(CLAIM, claim(quest.id), as_user=user)

    assert late.data["claimQuestReward"]["__typename"] == "QuestNotCompleted"
    assert paid.data["claimQuestReward"]["quest"]["period"] == today
    assert tomorrow.data["claimQuestReward"] == {
        "__typename": "QuestNotCompleted",
        "code": "QUEST_NOT_COMPLETED",
        "progress": 0,
        "goal": 1,
    }
    assert await balance(session, user) == 10


async def test_boosters_multiply_quest_rewards(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    booster = await create_store_item(
        session, type=ItemType.BOOSTER, price_pd=50, duration_days=3, xp_multiplier=2
    )
    await fund(session, user=user, amount=50)
    actor = Principal(user.id, user.subject, frozenset({Role.PLAYER}))
    await store.purchase(
        session, actor, booster.id, "booster-key-1", now=clock.now(), nickname_cooldown=timedelta()
    )
    quest = await create_quest(session, reward_pd=100, reward_xp=40)
    await add_quest_progress(session, user=user, quest=quest, period="once")

    response = await gql(CLAIM, claim(quest.id), as_user=user)

    assert (response.data["claimQuestReward"]["pd"], response.data["claimQuestReward"]["xp"]) == (
        100,
        80,
    )


async def test_quests_that_are_closed_or_unknown_are_not_found(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    inactive = await create_quest(session, active=False)
    ended = await create_quest(session, type=QuestType.EVENT, ends_at=clock.now())
    upcoming = await create_quest(
        session, type=QuestType.EVENT, starts_at=clock.now() + timedelta(days=1)
    )
    for quest in (inactive, ended, upcoming):
        await add_quest_progress(session, user=user, quest=quest, period="once")
    before = await state(session)

    for quest_id in (inactive.id, ended.id, upcoming.id, "not-an-id", user.id):
        response = await gql(CLAIM, claim(quest_id), as_user=user)
        assert response.data["claimQuestReward"] == {"__typename": "NotFound", "code": "NOT_FOUND"}
    assert await state(session) == before


async def test_aliases_in_one_request_pay_once(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)
    quest = await create_quest(session, reward_pd=100)
    await add_quest_progress(session, user=user, quest=quest, period="once")
    aliases = " ".join(f"c{n}: claimQuestReward(input: $input) {{ __typename }}" for n in range(15))

    response = await gql(
        f"mutation($input: ClaimQuestRewardInput!) {{ {aliases} }}", claim(quest.id), as_user=user
    )

    typenames = [result["__typename"] for result in response.data.values()]
    assert typenames == ["ClaimQuestRewardPayload"] + ["QuestAlreadyClaimed"] * 14
    assert await balance(session, user) == 100
