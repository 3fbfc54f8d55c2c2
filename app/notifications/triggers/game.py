"""The game's good news: a quest's reward is ready to claim, an achievement is unlocked."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.achievements.events import AchievementUnlocked
from app.notifications.catalogue import NotificationType
from app.notifications.service import Entity, Notice
from app.notifications.triggers.base import Trigger
from app.quests.events import QuestCompleted


async def quest_completed(session: AsyncSession, event: QuestCompleted) -> list[Notice]:
    return [
        Notice(
            type=NotificationType.QUEST_COMPLETED,
            recipients=[event.user_id],
            title=f"Задание «{event.title}» выполнено",
            body="Награда ждёт: заберите её в разделе заданий.",
            link="/quests",
            entity=Entity("quest", event.quest_id),
        )
    ]


async def achievement_unlocked(session: AsyncSession, event: AchievementUnlocked) -> list[Notice]:
    return [
        Notice(
            type=NotificationType.ACHIEVEMENT_UNLOCKED,
            recipients=[event.user_id],
            title=f"Новое достижение: «{event.name}»",
            body="Оно уже в вашем профиле.",
            link="/achievements",
            entity=Entity("achievement", event.achievement_id),
        )
    ]


TRIGGERS: dict[type, Trigger] = {
    QuestCompleted: quest_completed,
    AchievementUnlocked: achievement_unlocked,
}
