"""The catalogue of disciplines (inventory section 1.2 "Sport"), loaded by ``prodvor seed``.

Rows are keyed by ``code`` and refreshed on every run, so editing this list and seeding again
updates names, icons and roster limits without changing ids.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.sports.models import SportCategory
from app.sports.repository import SportRepository

TEAM = SportCategory.TEAM
SOLO = SportCategory.INDIVIDUAL
ESPORTS = SportCategory.ESPORTS


@dataclass(frozen=True)
class Discipline:
    code: str
    name: str
    category: SportCategory
    icon: str
    roster: tuple[int, int] | None = None
    """Players needed to play and the most members a team may have."""
    subdisciplines: tuple[Discipline, ...] = ()


CATALOGUE = (
    Discipline(
        "football",
        "Футбол",
        TEAM,
        "goal",
        (11, 25),
        (
            Discipline("mini-football", "Мини-футбол", TEAM, "goal", (5, 14)),
            Discipline("futsal", "Футзал", TEAM, "goal", (5, 14)),
            Discipline("beach-football", "Пляжный футбол", TEAM, "goal", (5, 12)),
            Discipline("street-football", "Уличный футбол", TEAM, "goal", (4, 10)),
        ),
    ),
    Discipline(
        "basketball",
        "Баскетбол",
        TEAM,
        "dribbble",
        (5, 12),
        (Discipline("streetball-3x3", "Стритбол 3×3", TEAM, "dribbble", (3, 4)),),
    ),
    Discipline(
        "volleyball",
        "Волейбол",
        TEAM,
        "volleyball",
        (6, 14),
        (Discipline("beach-volleyball", "Пляжный волейбол", TEAM, "volleyball", (2, 2)),),
    ),
    Discipline(
        "rugby",
        "Регби",
        TEAM,
        "shield",
        (15, 23),
        (Discipline("rugby-sevens", "Регби-7", TEAM, "shield", (7, 12)),),
    ),
    Discipline("handball", "Гандбол", TEAM, "hand", (7, 16)),
    Discipline("hockey", "Хоккей", TEAM, "snowflake", (6, 25)),
    Discipline("american-football", "Американский футбол", TEAM, "shield-half", (11, 45)),
    Discipline("sumo", "Сумо", TEAM, "circle", (3, 5)),
    Discipline("curling", "Кёрлинг", TEAM, "disc", (4, 5)),
    Discipline("frisbee", "Фрисби", TEAM, "disc-3", (7, 20)),
    Discipline("team-combat", "Бойцовские (командные)", TEAM, "swords", (3, 8)),
    Discipline("floorball", "Флорбол", TEAM, "circle-dot", (6, 20)),
    Discipline("team-pentathlon", "Пентатлон (командный)", TEAM, "medal", (3, 4)),
    Discipline("valorant", "Valorant", ESPORTS, "crosshair", (5, 7)),
    Discipline("cs2", "CS 2", ESPORTS, "target", (5, 7)),
    Discipline("dota-2", "Dota 2", ESPORTS, "gamepad-2", (5, 7)),
    Discipline("athletics", "Лёгкая атлетика", SOLO, "footprints"),
    Discipline("running", "Бег", SOLO, "footprints"),
    Discipline(
        "tennis",
        "Теннис",
        SOLO,
        "circle-dot",
        subdisciplines=(Discipline("tennis-doubles", "Парный теннис", TEAM, "circle-dot", (2, 2)),),
    ),
    Discipline("table-tennis", "Настольный теннис", SOLO, "circle-dot"),
    Discipline("badminton", "Бадминтон", SOLO, "feather"),
    Discipline("cycling", "Велоспорт", SOLO, "bike"),
    Discipline("bmx", "BMX", SOLO, "bike"),
    Discipline("boxing", "Бокс", SOLO, "hand"),
    Discipline("taekwondo", "Тхэквондо", SOLO, "swords"),
    Discipline("fencing", "Фехтование", SOLO, "sword"),
    Discipline("swimming", "Плавание", SOLO, "waves"),
    Discipline("surfing", "Серфинг", SOLO, "waves"),
    Discipline("gymnastics", "Гимнастика", SOLO, "person-standing"),
    Discipline("pilates", "Пилатес", SOLO, "activity"),
    Discipline("dancing", "Танцы", SOLO, "music"),
    Discipline("figure-skating", "Фигурное катание", SOLO, "snowflake"),
    Discipline("speed-skating", "Конькобежный спорт", SOLO, "timer"),
    Discipline("skiing", "Лыжные гонки", SOLO, "mountain-snow"),
    Discipline("alpine-skiing", "Горные лыжи", SOLO, "mountain-snow"),
    Discipline("snowboarding", "Сноуборд", SOLO, "mountain-snow"),
    Discipline("biathlon", "Биатлон", SOLO, "crosshair"),
    Discipline("triathlon", "Триатлон", SOLO, "medal"),
    Discipline(
        "chess",
        "Шахматы",
        SOLO,
        "crown",
        subdisciplines=(Discipline("team-chess", "Командные шахматы", TEAM, "crown", (4, 6)),),
    ),
    Discipline("orienteering", "Спортивное ориентирование", SOLO, "compass"),
    Discipline("darts", "Дартс", SOLO, "target"),
    Discipline("sport-shooting", "Спортивная стрельба", SOLO, "crosshair"),
    Discipline("golf", "Гольф", SOLO, "flag"),
    Discipline("skateboarding", "Скейтбординг", SOLO, "zap"),
    Discipline("parachuting", "Парашютный спорт", SOLO, "plane"),
    Discipline("base-jumping", "Бейсджампинг", SOLO, "mountain"),
    Discipline("powerlifting", "Пауэрлифтинг", SOLO, "dumbbell"),
    Discipline("crossfit", "Кроссфит", SOLO, "dumbbell"),
    Discipline("street-workout", "Воркаут", SOLO, "dumbbell"),
)


async def seed_sports(session: AsyncSession) -> None:
    repo = SportRepository(session)
    for discipline in CATALOGUE:
        parent = await repo.upsert(_values(discipline, parent_id=None))
        for child in discipline.subdisciplines:
            await repo.upsert(_values(child, parent_id=parent.id))
    await session.flush()


def _values(discipline: Discipline, *, parent_id: uuid.UUID | None) -> dict[str, object]:
    low, high = discipline.roster or (None, None)
    return {
        "code": discipline.code,
        "name": discipline.name,
        "category": discipline.category,
        "icon": discipline.icon,
        "parent_id": parent_id,
        "roster_min": low,
        "roster_max": high,
    }
