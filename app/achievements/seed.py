"""The achievement catalogue (inventory section 3.4): the backend's ten, less the two whose
conditions are not counts (five workouts within one week, seven diary days in a row), plus
the platform's two (cartographer, photo reporter). Refreshed by code on ``prodvor seed``."""

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
        "ai-program",
        "Конструктор успеха",
        "Создайте первую AI-программу тренировок",
        "BrainCircuit",
        A.AI_PROGRAM_CREATED,
    ),
    AchievementSeed(
        "tournament-champion",
        "Чемпион турнира",
        "Выиграйте турнир",
        "Trophy",
        A.TOURNAMENT_WON,
    ),
    AchievementSeed("sharpshooter", "Меткий удар", "Забейте 10 голов", "Target", A.GOAL_SCORED, 10),
    AchievementSeed("mvp", "MVP", "Станьте лучшим игроком матча", "Medal", A.MATCH_MVP),
    AchievementSeed("veteran", "Ветеран", "Сыграйте 100 матчей", "Star", A.MATCH_PLAYED, 100),
    AchievementSeed(
        "personal-record",
        "Персональный рекорд",
        "Установите новый личный рекорд в упражнении",
        "TrendingUp",
        A.PERSONAL_RECORD_SET,
    ),
    AchievementSeed(
        "cartographer",
        "Картограф",
        "Добавьте первую площадку (после одобрения модератором)",
        "Map",
        A.PLAYGROUND_APPROVED,
    ),
    AchievementSeed(
        "photo-reporter",
        "Фотокорреспондент",
        "Загрузите первое фото площадки",
        "Camera",
        A.PLAYGROUND_PHOTO_ADDED,
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
            }
        )
