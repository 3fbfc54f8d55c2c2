"""Playground decisions reach their proposer; finished quests and new achievements their player."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.achievements.events import AchievementUnlocked
from app.auth.roles import Role
from app.db import Database
from app.events import emit
from app.playgrounds.models import PlaygroundStatus
from app.quests.events import QuestCompleted
from tests.factories import create_playground, create_user
from tests.fixtures.app import GQL, TestClock
from tests.notifications.notices import after, mutation, notices
from tests.notifications.support import handle_outbox, outbox_position


def brief(found: list[dict[str, Any]]) -> list[tuple[Any, str, str, str]]:
    return [(n["to"], n["type"], n["title"], n["link"]) for n in found]


async def test_the_proposer_hears_each_moderation_decision(
    gql: GQL, database: Database, session: AsyncSession, clock: TestClock
) -> None:
    proposer = await create_user(session)
    moderator = await create_user(session, roles=[Role.PLAYER, Role.MODERATOR])
    pending = PlaygroundStatus.PENDING
    good = await create_playground(
        session, proposer=proposer, status=pending, name="Коробка у школы"
    )
    bad = await create_playground(session, proposer=proposer, status=pending, name="Пустырь")
    moderate = mutation("moderatePlayground")

    await after(
        gql,
        database,
        session,
        clock,
        moderate,
        {"playgroundId": str(good.id), "decision": "APPROVE"},
        moderator,
    )
    found = await after(
        gql,
        database,
        session,
        clock,
        moderate,
        {"playgroundId": str(bad.id), "decision": "REJECT", "reason": "Нет такого места"},
        moderator,
    )

    assert brief(found) == [
        (
            proposer.id,
            "PLAYGROUND_APPROVED",
            "Площадка «Коробка у школы» одобрена",
            f"/playgrounds/{good.id}",
        ),
        (
            proposer.id,
            "PLAYGROUND_REJECTED",
            "Площадка «Пустырь» не прошла модерацию",
            f"/playgrounds/{bad.id}",
        ),
    ]
    assert found[1]["body"] == "Причина: Нет такого места"


async def test_a_finished_quest_and_an_achievement_notify_their_player_once(
    database: Database, session: AsyncSession, clock: TestClock
) -> None:
    player = await create_user(session)
    position = await outbox_position(session)
    quest = QuestCompleted(
        user_id=player.id,
        quest_id=uuid.uuid4(),
        code="daily.check-in",
        period="2026-11-27",
        title="Отметиться на площадке",
    )
    achievement = AchievementUnlocked(
        user_id=player.id, achievement_id=uuid.uuid4(), code="first-win", name="Первая победа"
    )
    emit(session, quest, actor_id=None)
    emit(session, achievement, actor_id=None)
    await session.flush()

    await handle_outbox(database, session, clock, after=position)
    await handle_outbox(database, session, clock, after=position)

    assert brief(await notices(session)) == [
        (player.id, "QUEST_COMPLETED", "Задание «Отметиться на площадке» выполнено", "/quests"),
        (player.id, "ACHIEVEMENT_UNLOCKED", "Новое достижение: «Первая победа»", "/achievements"),
    ]
