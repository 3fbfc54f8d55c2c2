"""Achievements unlock exactly once when counted activities reach the threshold."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.achievements.events import AchievementUnlocked
from app.achievements.models import UserAchievement
from app.achievements.seed import seed_achievements
from app.container import Container
from app.events import emit
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.teams.events import TeamMemberJoined
from app.users.models import User
from tests.economy.support import deliver
from tests.factories import create_achievement, create_user
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.statements import StatementCounter

ACHIEVEMENTS = """
query($userId: ID!) {
  achievements(userId: $userId) { code name icon rarity goal progress unlocked unlockedAt }
}
"""


async def join_teams(session: AsyncSession, user: User, count: int, role: str = "PLAYER") -> None:
    for _ in range(count):
        event = TeamMemberJoined(
            team_id=uuid.uuid4(), user_id=user.id, role=role, via="APPLICATION"
        )
        emit(session, event, actor_id=user.id)
    await session.flush()


async def unlocked_events(session: AsyncSession) -> list[AchievementUnlocked]:
    rows = await session.scalars(
        select(OutboxEvent).where(OutboxEvent.type == "achievement.unlocked")
    )
    return [to_envelope(row).event() for row in rows]  # type: ignore[misc]


async def test_reaching_the_threshold_unlocks_once_and_announces_it(
    container: Container, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    achievement = await create_achievement(
        session, code="t.joiner", name="Кочевник", activities=["team.joined"], threshold=3
    )
    await join_teams(session, user, 2)
    await deliver(container, session)
    assert await unlocked_events(session) == []
    clock.current = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)

    await join_teams(session, user, 3)
    await deliver(container, session)
    await deliver(container, session)

    row = await session.get(UserAchievement, (user.id, achievement.id))
    assert row is not None
    assert (row.progress, row.unlocked_at) == (5, clock.now())
    assert await unlocked_events(session) == [
        AchievementUnlocked(
            user_id=user.id, achievement_id=achievement.id, code="t.joiner", name="Кочевник"
        )
    ]


async def test_filters_select_what_counts(container: Container, session: AsyncSession) -> None:
    user = await create_user(session)
    captain = await create_achievement(
        session, code="t.captain", activities=["team.joined"], filters={"role": "CAPTAIN"}
    )
    await join_teams(session, user, 2, role="PLAYER")
    await deliver(container, session)
    assert await session.get(UserAchievement, (user.id, captain.id)) is None

    await join_teams(session, user, 1, role="CAPTAIN")
    await deliver(container, session)

    assert [event.code for event in await unlocked_events(session)] == ["t.captain"]


async def test_the_catalogue_with_a_users_progress(
    gql: GQL, container: Container, session: AsyncSession, clock: TestClock
) -> None:
    await seed_achievements(session)
    player, viewer = await create_user(session), await create_user(session)
    await create_achievement(
        session, code="t.first-join", name="Новичок", activities=["team.joined"], sort_order=-2
    )
    await create_achievement(
        session,
        code="t.many-joins",
        name="Ветеран команд",
        activities=["team.joined"],
        threshold=4,
        sort_order=-1,
    )
    await join_teams(session, player, 2)
    await deliver(container, session)

    response = await gql(ACHIEVEMENTS, {"userId": str(player.id)}, as_user=viewer)

    listed = response.data["achievements"]
    assert listed[:2] == [
        {
            "code": "t.first-join",
            "name": "Новичок",
            "icon": "Award",
            "rarity": "COMMON",
            "goal": 1,
            "progress": 1,
            "unlocked": True,
            "unlockedAt": clock.now().isoformat(),
        },
        {
            "code": "t.many-joins",
            "name": "Ветеран команд",
            "icon": "Award",
            "rarity": "COMMON",
            "goal": 4,
            "progress": 2,
            "unlocked": False,
            "unlockedAt": None,
        },
    ]
    assert [(a["name"], a["goal"], a["unlocked"]) for a in listed[2:]] == [
        ("Первая победа", 1, False),
        ("Командный игрок", 10, False),
        ("Чемпион турнира", 1, False),
        ("Меткий удар", 10, False),
        ("Ветеран", 100, False),
        ("Картограф", 1, False),
    ]


async def test_hidden_users_have_no_achievements(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    viewer = await create_user(session)
    banned = await create_user(session, banned_until=clock.now() + timedelta(days=1))

    for user_id in (str(banned.id), str(uuid.uuid4()), "not-an-id"):
        response = await gql(ACHIEVEMENTS, {"userId": user_id}, as_user=viewer)
        assert response.data == {"achievements": None}


async def test_the_list_runs_in_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    await create_achievement(session, code="mvp", activities=["match.mvp"])  # retired
    await seed_achievements(session)
    player, viewer = await create_user(session), await create_user(session)
    await session.flush()

    with count_statements() as log:
        response = await gql(ACHIEVEMENTS, {"userId": str(player.id)}, as_user=viewer)

    assert len(response.data["achievements"]) == 6, "the seed retires what it no longer lists"
    assert len(log) == 4, str(log)
