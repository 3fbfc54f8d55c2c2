"""quests(type): the open quests with the caller's progress in the current period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from app.periods import Period, period_key
from app.quests.models import QuestType
from app.quests.seed import seed_quests
from tests.factories import add_quest_progress, create_quest, create_user
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.statements import StatementCounter

QUESTS = """
query($type: QuestType) {
  quests(type: $type) {
    code type title goal rewardPd rewardXp href period progress completed claimed
  }
}
"""
MOSCOW = ZoneInfo("Europe/Moscow")


async def test_the_seeded_catalogue(gql: GQL, session: AsyncSession) -> None:
    await create_quest(session, code="weekly.workouts-5", type=QuestType.WEEKLY)  # retired
    await seed_quests(session)
    user = await create_user(session)

    response = await gql(QUESTS, {"type": "SPECIAL"}, as_user=user)

    assert [(q["code"], q["title"], q["goal"], q["rewardPd"]) for q in response.data["quests"]] == [
        ("special.first-team", "Первая кровь", 1, 200),
        ("special.first-tournament", "Путь воина", 1, 300),
        ("onboarding.profile", "Первые шаги", 1, 100),
        ("onboarding.first-match", "Боевое крещение", 1, 25),
        ("onboarding.team", "Командный игрок", 1, 150),
        ("onboarding.first-tournament", "Путь к славе", 1, 200),
        ("onboarding.friends", "Душа компании", 5, 50),
    ]
    daily = await gql(QUESTS, {"type": "DAILY"}, as_user=user)
    weekly = await gql(QUESTS, {"type": "WEEKLY"}, as_user=user)
    assert [q["title"] for q in daily.data["quests"]] == [
        "Сыграть 1 матч",
        "Отметиться на площадке",
    ]
    assert [q["title"] for q in weekly.data["quests"]] == ["Выиграть 3 матча"]


async def test_progress_is_the_callers_in_the_current_period(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    clock.current = datetime(2026, 11, 29, 20, 30, tzinfo=UTC)  # Sunday 23:30 in Moscow
    user, other = await create_user(session), await create_user(session)
    daily = await create_quest(session, code="t.daily", type=QuestType.DAILY, goal=2)
    weekly = await create_quest(session, code="t.weekly", type=QuestType.WEEKLY, goal=3)
    special = await create_quest(session, code="t.special", type=QuestType.SPECIAL)
    today, week = "2026-11-29", "2026-W48"
    assert period_key(Period.DAY, clock.now(), MOSCOW) == today
    await add_quest_progress(session, user=user, quest=daily, period="2026-11-28")
    await add_quest_progress(session, user=user, quest=daily, period=today, progress=1)
    await add_quest_progress(session, user=user, quest=weekly, period=week, progress=5)
    await add_quest_progress(session, user=other, quest=special, period="once")

    sunday = await gql(QUESTS, as_user=user)
    clock.advance(timedelta(hours=1))  # Monday 00:30 in Moscow: a new day and a new week
    monday = await gql(QUESTS, as_user=user)

    def progress(response: object) -> dict[str, tuple[str, int, bool]]:
        quests = response.data["quests"]  # type: ignore[attr-defined]
        return {
            q["code"]: (q["period"], q["progress"], q["completed"])
            for q in quests
            if q["code"].startswith("t.")
        }

    assert progress(sunday) == {
        "t.daily": (today, 1, False),
        "t.weekly": (week, 3, True),
        "t.special": ("once", 0, False),
    }
    assert progress(monday) == {
        "t.daily": ("2026-11-30", 0, False),
        "t.weekly": ("2026-W49", 0, False),
        "t.special": ("once", 0, False),
    }


async def test_closed_quests_are_not_listed(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    now = clock.now()
    await create_quest(
        session, code="t.open", type=QuestType.EVENT, ends_at=now + timedelta(hours=1)
    )
    await create_quest(session, code="t.ended", type=QuestType.EVENT, ends_at=now)
    await create_quest(
        session, code="t.upcoming", type=QuestType.EVENT, starts_at=now + timedelta(minutes=1)
    )
    await create_quest(session, code="t.inactive", type=QuestType.EVENT, active=False)

    response = await gql(QUESTS, {"type": "EVENT"}, as_user=user)

    assert [q["code"] for q in response.data["quests"]] == ["t.open"]


async def test_the_list_runs_in_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    user = await create_user(session)
    quest = await create_quest(session)
    await add_quest_progress(session, user=user, quest=quest, period="once")
    with count_statements() as few:
        await gql(QUESTS, as_user=user)
    for _ in range(10):
        quest = await create_quest(session)
        await add_quest_progress(session, user=user, quest=quest, period="once")

    with count_statements() as many:
        response = await gql(QUESTS, as_user=user)

    assert len(response.data["quests"]) == 11
    assert len(many) == len(few) == 2, str(many)
