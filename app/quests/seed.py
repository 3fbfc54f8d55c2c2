"""The quest catalogue (inventory section 3.3): the backend set and the onboarding set, less
"Завершить 5 тренировок" (there is no training diary whose workouts could count).

Refreshed by code on every ``prodvor seed``. PD rewards are the inventory's; XP rewards follow
the later frontend's quests where one matches (play a match: 50, three wins in a week: 400)
and equal the PD reward elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.gamification.activities import ActivityName as A
from app.quests.models import QuestType
from app.quests.repository import QuestRepository

DAILY, WEEKLY, SPECIAL = QuestType.DAILY, QuestType.WEEKLY, QuestType.SPECIAL


@dataclass(frozen=True)
class QuestSeed:
    code: str
    type: QuestType
    title: str
    description: str
    goal: int
    reward_pd: int
    reward_xp: int
    href: str
    activities: tuple[A, ...]


CATALOGUE = (
    QuestSeed(
        "daily.play-match",
        DAILY,
        "Сыграть 1 матч",
        "Примите участие в любом матче",
        1,
        10,
        50,
        "/matches",
        (A.MATCH_PLAYED,),
    ),
    QuestSeed(
        "daily.check-in",
        DAILY,
        "Отметиться на площадке",
        "Найдите площадку и отметьтесь на ней",
        1,
        15,
        15,
        "/playgrounds",
        (A.PLAYGROUND_CHECKED_IN,),
    ),
    QuestSeed(
        "weekly.win-3",
        WEEKLY,
        "Выиграть 3 матча",
        "Победа в трёх матчах за неделю",
        3,
        100,
        400,
        "/matches",
        (A.MATCH_WON,),
    ),
    QuestSeed(
        "special.first-team",
        SPECIAL,
        "Первая кровь",
        "Создайте свою первую команду",
        1,
        200,
        200,
        "/teams/new",
        (A.TEAM_CREATED,),
    ),
    QuestSeed(
        "special.first-tournament",
        SPECIAL,
        "Путь воина",
        "Зарегистрируйтесь на первый турнир",
        1,
        300,
        300,
        "/tournaments",
        (A.TOURNAMENT_REGISTERED,),
    ),
    QuestSeed(
        "onboarding.profile",
        SPECIAL,
        "Первые шаги",
        "Заполните профиль",
        1,
        100,
        100,
        "/profile",
        (A.PROFILE_COMPLETED,),
    ),
    QuestSeed(
        "onboarding.first-match",
        SPECIAL,
        "Боевое крещение",
        "Сыграйте первый матч",
        1,
        25,
        25,
        "/matches",
        (A.MATCH_PLAYED,),
    ),
    QuestSeed(
        "onboarding.team",
        SPECIAL,
        "Командный игрок",
        "Вступите в команду или создайте свою",
        1,
        150,
        150,
        "/teams",
        (A.TEAM_CREATED, A.TEAM_JOINED),
    ),
    QuestSeed(
        "onboarding.first-tournament",
        SPECIAL,
        "Путь к славе",
        "Примите участие в первом турнире",
        1,
        200,
        200,
        "/tournaments",
        (A.TOURNAMENT_REGISTERED,),
    ),
    QuestSeed(
        "onboarding.friends",
        SPECIAL,
        "Душа компании",
        "Добавьте 5 друзей",
        5,
        50,
        50,
        "/friends",
        (A.FRIEND_ADDED,),
    ),
)


async def seed_quests(session: AsyncSession) -> None:
    repo = QuestRepository(session)
    for order, quest in enumerate(CATALOGUE):
        await repo.upsert(
            {
                "code": quest.code,
                "type": quest.type,
                "title": quest.title,
                "description": quest.description,
                "goal": quest.goal,
                "reward_pd": quest.reward_pd,
                "reward_xp": quest.reward_xp,
                "href": quest.href,
                "activities": [activity.value for activity in quest.activities],
                "sort_order": order,
                "active": True,
            }
        )
    await repo.retire_except([entry.code for entry in CATALOGUE])
