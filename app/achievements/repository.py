from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.achievements.models import Achievement, UserAchievement


class AchievementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, values: dict[str, Any]) -> None:
        """Insert or refresh a catalogue entry by its code (for the seed)."""
        changes = {name: value for name, value in values.items() if name != "code"}
        await self.session.execute(
            insert(Achievement)
            .values(values)
            .on_conflict_do_update(index_elements=[Achievement.code], set_=changes)
        )

    async def retire_except(self, codes: list[str]) -> None:
        """Deactivate the catalogue entries the seed no longer lists (for the seed): their
        rows stay, for the progress and rewards that point at them."""
        await self.session.execute(
            update(Achievement)
            .where(Achievement.code.not_in(codes), Achievement.active)
            .values(active=False)
        )

    async def catalogue(self) -> list[Achievement]:
        stmt = select(Achievement).where(Achievement.active)
        return list((await self.session.scalars(stmt.order_by(Achievement.sort_order))).all())

    async def counting(self, activity: str, attributes: dict[str, Any]) -> list[Achievement]:
        stmt = select(Achievement).where(
            Achievement.active,
            Achievement.activities.any_() == activity,
            Achievement.filters.contained_by(attributes),
        )
        return list((await self.session.scalars(stmt.order_by(Achievement.code))).all())


class UserAchievementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of(self, user_id: uuid.UUID) -> dict[uuid.UUID, UserAchievement]:
        stmt = select(UserAchievement).where(UserAchievement.user_id == user_id)
        return {row.achievement_id: row for row in (await self.session.scalars(stmt)).all()}

    async def add(
        self, user_id: uuid.UUID, achievement: Achievement, quantity: int, now: datetime
    ) -> tuple[int, datetime | None]:
        """Count ``quantity`` more; returns the progress and when it was unlocked (if it was).

        ``unlocked_at`` is written once, by the statement that first reaches the threshold.
        """
        total = UserAchievement.progress + quantity
        stmt = (
            insert(UserAchievement)
            .values(
                user_id=user_id,
                achievement_id=achievement.id,
                progress=quantity,
                unlocked_at=now if quantity >= achievement.threshold else None,
            )
            .on_conflict_do_update(
                index_elements=[UserAchievement.user_id, UserAchievement.achievement_id],
                set_={
                    "progress": total,
                    "unlocked_at": func.coalesce(
                        UserAchievement.unlocked_at, case((total >= achievement.threshold, now))
                    ),
                },
            )
            .returning(UserAchievement.progress, UserAchievement.unlocked_at)
        )
        progress, unlocked_at = (await self.session.execute(stmt)).one()
        return int(progress), unlocked_at
