"""The achievement catalogue (inventory section 3.4): the backend's ten and the platform's
cartographer, less those no fact of ours can unlock: the training ones (an AI training
program, a personal record, workouts and diary days: there is no training domain), MVP (no
one names a match's best player; the AI match report's pick is generated text, not a fact)
and photo reporter (photos are links in a playground proposal, rewarded as the cartographer's
approved playground, not uploads of their own). Refreshed by code on ``prodvor seed``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.achievements.repository import AchievementRepository
from app.gamification.activities import ActivityName as A


@dataclass(frozen=True)
class AchievementSeed:
    code: str
    name: str
    description: str
    icon: str
    activity: A
    threshold: int = 1


CATALOGUE = (
    AchievementSeed("first-win", "Первая победа", "Выиграйте первый матч", "Award", A.MATCH_WON),
    AchievementSeed(
        "team-player",
        "Командный игрок",
        "Сыграйте 10 матчей за команду",
        "Users",
        A.MATCH_PLAYED,
        10,
    ),
    AchievementSeed(
        "tournament-champion",
        "Чемпион турнира",
        "Выиграйте турнир",
        "Trophy",
        A.TOURNAMENT_WON,
    ),
    AchievementSeed("sharpshooter", "Меткий удар", "Забейте 10 голов", "Target", A.GOAL_SCORED, 10),
    AchievementSeed("veteran", "Ветеран", "Сыграйте 100 матчей", "Star", A.MATCH_PLAYED, 100),
    AchievementSeed(
        "cartographer",
        "Картограф",
        "Добавьте первую площадку (после одобрения модератором)",
        "Map",
        A.PLAYGROUND_APPROVED,
    ),
)


async def seed_achievements(session: AsyncSession) -> None:
    repo = AchievementRepository(session)
    for order, achievement in enumerate(CATALOGUE):
        await repo.upsert(
            {
                "code": achievement.code,
                "name": achievement.name,
                "description": achievement.description,
                "icon": achievement.icon,
                "activities": [achievement.activity.value],
                "threshold": achievement.threshold,
                "sort_order": order,
                "active": True,
            }
        )
    await repo.retire_except([entry.code for entry in CATALOGUE])
