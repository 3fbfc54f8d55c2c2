"""Quest progress comes from counted activities, per period of the activity's time."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.container import Container
from app.events import emit
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.quests.events import QuestCompleted
from app.quests.models import Quest, QuestProgress, QuestType
from app.quests.seed import seed_quests
from app.teams.events import TeamMemberJoined
from app.users.models import User
from tests.economy.support import deliver
from tests.factories import create_quest, create_user

SUNDAY_EVENING = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)
"""23:00 on Sunday in Moscow."""


async def join(session: AsyncSession, user: User, at: datetime, role: str = "PLAYER") -> None:
    event = TeamMemberJoined(team_id=uuid.uuid4(), user_id=user.id, role=role, via="INVITATION")
    emit(session, event, actor_id=user.id, occurred_at=at)
    await session.flush()


async def progress(session: AsyncSession, user: User) -> dict[tuple[str, str], int]:
    stmt = (
        select(Quest.code, QuestProgress.period, QuestProgress.progress)
        .join(Quest, Quest.id == QuestProgress.quest_id)
        .where(QuestProgress.user_id == user.id)
    )
    return {(code, period): n for code, period, n in (await session.execute(stmt)).all()}


async def test_daily_and_weekly_progress_start_over_by_period(
    container: Container, session: AsyncSession
) -> None:
    user = await create_user(session)
    await create_quest(session, code="t.daily", type=QuestType.DAILY, activities=["team.joined"])
    await create_quest(
        session, code="t.weekly", type=QuestType.WEEKLY, activities=["team.joined"], goal=5
    )
    for minutes in (0, 30, 61):  # Sunday 23:00, 23:30, Monday 00:01 in Moscow
        await join(session, user, SUNDAY_EVENING + timedelta(minutes=minutes))

    await deliver(container, session)

    assert await progress(session, user) == {
        ("t.daily", "2026-11-29"): 2,
        ("t.daily", "2026-11-30"): 1,
        ("t.weekly", "2026-W48"): 2,
        ("t.weekly", "2026-W49"): 1,
    }


async def test_completion_is_announced_once(container: Container, session: AsyncSession) -> None:
    user = await create_user(session)
    quest = await create_quest(session, code="t.two", activities=["team.joined"], goal=2)
    for minutes in (0, 1, 2):
        await join(session, user, SUNDAY_EVENING + timedelta(minutes=minutes))

    await deliver(container, session)

    completed = (
        await session.scalars(select(OutboxEvent).where(OutboxEvent.type == "quest.completed"))
    ).all()
    assert [to_envelope(row).event() for row in completed] == [
        QuestCompleted(
            user_id=user.id, quest_id=quest.id, code="t.two", period="once", title=quest.title
        )
    ]
    row = await session.get(QuestProgress, (user.id, quest.id, "once"))
    assert row is not None
    assert (row.progress, row.completed_at is not None, row.claimed_at) == (3, True, None)


async def test_filters_and_windows_decide_what_counts(
    container: Container, session: AsyncSession
) -> None:
    user = await create_user(session)
    await create_quest(
        session, code="t.captain", activities=["team.joined"], filters={"role": "CAPTAIN"}
    )
    await create_quest(
        session,
        code="t.event",
        type=QuestType.EVENT,
        activities=["team.joined"],
        starts_at=SUNDAY_EVENING + timedelta(minutes=5),
        ends_at=SUNDAY_EVENING + timedelta(minutes=10),
    )
    await join(session, user, SUNDAY_EVENING, role="PLAYER")
    await join(session, user, SUNDAY_EVENING + timedelta(minutes=6), role="CAPTAIN")
    await join(session, user, SUNDAY_EVENING + timedelta(minutes=11), role="CAPTAIN")

    await deliver(container, session)

    assert await progress(session, user) == {("t.captain", "once"): 2, ("t.event", "once"): 1}


async def test_the_worker_counts_for_the_seeds_catalogue_at_once(
    container: Container, session: AsyncSession
) -> None:
    """The workers keep the catalogue for a while; the seed's writes drop this process's copy."""
    user = await create_user(session)
    await join(session, user, SUNDAY_EVENING)
    await deliver(container, session)

    await seed_quests(session)
    await join(session, user, SUNDAY_EVENING + timedelta(minutes=1))
    await deliver(container, session)

    assert await progress(session, user) == {("onboarding.team", "once"): 1}
