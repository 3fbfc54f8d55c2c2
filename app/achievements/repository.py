from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.achievements.models import Achievement, UserAchievement
from app.db import table_of
from app.jsonb import contains
from app.reference import ReferenceCache


@dataclass(frozen=True, slots=True)
class CountingAchievement:
    """What counting activities needs of an active achievement."""

    id: uuid.UUID
    code: str
    name: str
    threshold: int
    activities: frozenset[str]
    filters: dict[str, Any]

    def counts(self, activity: str, attributes: dict[str, Any]) -> bool:
        """Whether it counts ``activity`` with ``attributes`` (its filters contained in them,
        as JSONB's ``<@`` decides)."""
        return activity in self.activities and contains(attributes, self.filters)


async def _counting_achievements(session: AsyncSession) -> tuple[CountingAchievement, ...]:
    stmt = select(Achievement).where(Achievement.active).order_by(Achievement.code)
    return tuple(
        CountingAchievement(
            id=achievement.id,
            code=achievement.code,
            name=achievement.name,
            threshold=achievement.threshold,
            activities=frozenset(achievement.activities),
            filters=dict(achievement.filters),
        )
        for achievement in (await session.scalars(stmt)).all()
    )


COUNTING_ACHIEVEMENTS = ReferenceCache(_counting_achievements)
"""The catalogue is written by the seed only; the workers match every activity against it."""


class AchievementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, values: dict[str, Any]) -> None:
        """Insert or refresh a catalogue entry by its code (for the seed)."""
        COUNTING_ACHIEVEMENTS.clear()
        changes = {name: value for name, value in values.items() if name != "code"}
        await self.session.execute(
            insert(Achievement)
            .values(values)
            .on_conflict_do_update(index_elements=[Achievement.code], set_=changes)
        )

    async def retire_except(self, codes: list[str]) -> None:
        """Deactivate the catalogue entries the seed no longer lists (for the seed): their
        rows stay, for the progress and rewards that point at them."""
        COUNTING_ACHIEVEMENTS.clear()
        await self.session.execute(
            update(Achievement)
            .where(Achievement.code.not_in(codes), Achievement.active)
            .values(active=False)
        )

    async def catalogue(self) -> list[Achievement]:
        stmt = select(Achievement).where(Achievement.active)
        return list((await self.session.scalars(stmt.order_by(Achievement.sort_order))).all())

    async def counting(
        self, activity: str, attributes: dict[str, Any]
    ) -> list[CountingAchievement]:
        """Active achievements that count ``activity`` with these attributes, by code."""
        catalogue = await COUNTING_ACHIEVEMENTS.get(self.session)
        return [a for a in catalogue if a.counts(activity, attributes)]


class UserAchievementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of(self, user_id: uuid.UUID) -> dict[uuid.UUID, UserAchievement]:
        stmt = select(UserAchievement).where(UserAchievement.user_id == user_id)
        return {row.achievement_id: row for row in (await self.session.scalars(stmt)).all()}

    async def add(
        self, user_id: uuid.UUID, achievement: CountingAchievement, quantity: int, now: datetime
    ) -> tuple[int, datetime | None]:
        """Count ``quantity`` more; returns the progress and when it was unlocked (if it was).

        ``unlocked_at`` is written once, by the statement that first reaches the threshold.
        """
        total = _REACHED.c.progress + quantity
        stmt = (
            insert(_REACHED)
            .values(
                user_id=user_id,
                achievement_id=achievement.id,
                progress=quantity,
                unlocked_at=now if quantity >= achievement.threshold else None,
            )
            .on_conflict_do_update(
                index_elements=[_REACHED.c.user_id, _REACHED.c.achievement_id],
                set_={
                    "progress": total,
                    "unlocked_at": func.coalesce(
                        _REACHED.c.unlocked_at, case((total >= achievement.threshold, now))
                    ),
                },
            )
            .returning(_REACHED.c.progress, _REACHED.c.unlocked_at)
        )
        progress, unlocked_at = (await self.session.execute(stmt)).one()
        return int(progress), unlocked_at


_REACHED = table_of(UserAchievement)
