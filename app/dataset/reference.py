"""The catalogues the dataset builds on, as demo seeding leaves them in the database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.periods import Period
from app.quests.models import Quest
from app.sports.models import Sport, SportCategory


@dataclass(frozen=True)
class TeamSport:
    id: uuid.UUID
    code: str
    roster_min: int
    roster_max: int


@dataclass(frozen=True)
class QuestRef:
    id: uuid.UUID
    goal: int
    period: Period


@dataclass(frozen=True)
class Reference:
    sports: list[TeamSport]
    quests: list[QuestRef]


async def read_reference(session: AsyncSession) -> Reference:
    """Team sports (by code) and open quests (by code): a stable order for a seed to follow."""
    sports = (
        await session.scalars(
            select(Sport).where(Sport.category == SportCategory.TEAM).order_by(Sport.code)
        )
    ).all()
    quests = (await session.scalars(select(Quest).where(Quest.active).order_by(Quest.code))).all()
    return Reference(
        sports=[TeamSport(s.id, s.code, s.roster_min or 2, s.roster_max or 20) for s in sports],
        quests=[QuestRef(q.id, q.goal, q.type.period) for q in quests],
    )
