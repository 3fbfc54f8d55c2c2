"""Daily caps count calendar days of the platform's time zone (Europe/Moscow by default), by
when the activity happened; boosters multiply earnings before the cap applies."""

from __future__ import annotations

import dataclasses
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.auth.roles import Role
from app.container import Container
from app.economy.models import EconomyRule, RewardGrant
from app.events import emit
from app.store import service as store
from app.store.models import ItemType
from app.teams.events import TeamMemberJoined
from app.users.models import User
from tests.economy.support import check_ledger, deliver
from tests.factories import create_store_item, create_user, fund
from tests.fixtures.app import TestClock
from tests.fixtures.configured import configured_settings

MOSCOW_EVENING = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)
"""23:00 in Moscow (UTC+3): an hour before the Moscow day ends."""


async def repeatable_rule(session: AsyncSession) -> None:
    session.add(
        EconomyRule(
            code="TEST_JOIN",
            activity="team.joined",
            description="Вступление в команду",
            pd=15,
            xp=1,
            daily_cap=40,
            repeatable=True,
        )
    )
    await session.flush()


async def join_at(session: AsyncSession, clock: TestClock, user: User, *minutes: int) -> None:
    """The user joins a new team at each of these minutes after ``MOSCOW_EVENING``."""
    for minute in minutes:
        clock.current = MOSCOW_EVENING + timedelta(minutes=minute)
        event = TeamMemberJoined(
            team_id=uuid.uuid4(), user_id=user.id, role="PLAYER", via="APPLICATION"
        )
        emit(session, event, actor_id=user.id, occurred_at=clock.now())
    await session.flush()


async def earned_by_day(session: AsyncSession, user: User) -> dict[date, list[int]]:
    stmt = (
        select(RewardGrant.day, RewardGrant.pd)
        .where(RewardGrant.user_id == user.id, RewardGrant.rule_code == "TEST_JOIN")
        .order_by(RewardGrant.created_at, RewardGrant.source)
    )
    days: defaultdict[date, list[int]] = defaultdict(list)
    for day, pd in (await session.execute(stmt)).all():
        days[day].append(pd)
    return {day: sorted(pds, reverse=True) for day, pds in days.items()}


async def test_the_cap_holds_until_midnight_in_moscow(
    container: Container, session: AsyncSession, clock: TestClock
) -> None:
    await repeatable_rule(session)
    user = await create_user(session)
    await join_at(session, clock, user, 0, 30, 58, 59, 60, 61)
    clock.advance(timedelta(hours=5))

    await deliver(container, session)

    assert await earned_by_day(session, user) == {
        date(2026, 3, 10): [15, 15, 10, 0],
        date(2026, 3, 11): [15, 15],
    }
    await check_ledger(session)


async def test_the_time_zone_is_a_setting(
    container: Container, session: AsyncSession, clock: TestClock
) -> None:
    in_utc = dataclasses.replace(
        container, settings=configured_settings(container.settings, economy={"timezone": "UTC"})
    )
    await repeatable_rule(session)
    user = await create_user(session)
    await join_at(session, clock, user, 0, 30, 58, 59, 60, 61)

    await deliver(in_utc, session)

    assert await earned_by_day(session, user) == {date(2026, 3, 10): [15, 15, 10, 0, 0, 0]}


async def test_boosters_multiply_before_the_cap(
    container: Container, session: AsyncSession, clock: TestClock
) -> None:
    await repeatable_rule(session)
    user = await create_user(session)
    booster = await create_store_item(
        session, type=ItemType.BOOSTER, duration_days=1, pd_multiplier=2, xp_multiplier=3
    )
    await fund(session, user=user, amount=booster.price_pd or 0)
    actor = Principal(user.id, user.subject, frozenset({Role.PLAYER}))
    await store.purchase(
        session,
        actor,
        booster.id,
        "booster-key-1",
        now=MOSCOW_EVENING - timedelta(hours=1),
        nickname_cooldown=timedelta(days=30),
    )
    await join_at(session, clock, user, 0, 10, 24 * 60)

    await deliver(container, session)

    stmt = select(RewardGrant.day, RewardGrant.pd, RewardGrant.xp).where(
        RewardGrant.rule_code == "TEST_JOIN"
    )
    assert sorted((await session.execute(stmt)).all()) == [
        (date(2026, 3, 10), 10, 3),
        (date(2026, 3, 10), 30, 3),
        (date(2026, 3, 11), 15, 1),
    ]
