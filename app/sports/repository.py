from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import any_of
from app.sports.models import Sport, SportCategory

_BY_IDS = select(Sport).where(any_of(Sport.id, "ids"))


class SportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, sport_id: uuid.UUID) -> Sport | None:
        return await self.session.get(Sport, sport_id)

    async def get_by_code(self, code: str) -> Sport | None:
        return await self.session.scalar(select(Sport).where(Sport.code == code))

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[Sport]:
        return list((await self.session.scalars(_BY_IDS, {"ids": list(ids)})).all())

    async def top_level(self, category: SportCategory | None) -> list[Sport]:
        stmt = select(Sport).where(Sport.parent_id.is_(None))
        if category is not None:
            stmt = stmt.where(Sport.category == category)
        return list((await self.session.scalars(stmt.order_by(Sport.name))).all())

    async def children_of(self, parent_ids: Sequence[uuid.UUID]) -> list[Sport]:
        stmt = select(Sport).where(Sport.parent_id.in_(parent_ids)).order_by(Sport.name)
        return list((await self.session.scalars(stmt)).all())

    async def with_subdisciplines(self, sport_id: uuid.UUID) -> list[uuid.UUID]:
        stmt = select(Sport.id).where(or_(Sport.id == sport_id, Sport.parent_id == sport_id))
        return list((await self.session.scalars(stmt)).all())

    async def upsert(self, values: dict[str, Any]) -> Sport:
        """Insert or refresh one catalogue row by its ``code`` (the seed runs repeatedly)."""
        stmt = (
            insert(Sport)
            .values(id=func.gen_random_uuid(), **values)
            .on_conflict_do_update(index_elements=[Sport.code], set_=values)
            .returning(Sport)
            .execution_options(populate_existing=True)
        )
        return (await self.session.scalars(stmt)).one()
