from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.ratelimit.models import RateLimitBucket


class RateLimitRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def admit(
        self, key: str, *, now: datetime, increment: timedelta, tolerance: timedelta
    ) -> bool:
        """Advance the bucket by ``increment`` if that keeps it within ``tolerance`` of now.

        One statement: ``ON CONFLICT DO UPDATE`` locks the row and evaluates its ``WHERE`` on
        the latest version, so concurrent requests on any replica are counted exactly.
        """
        current = func.greatest(RateLimitBucket.tat, now)
        stmt = insert(RateLimitBucket).values(key=key, tat=now + increment)
        stmt = stmt.on_conflict_do_update(
            index_elements=[RateLimitBucket.key],
            set_={"tat": current + increment},
            where=current + increment - tolerance <= now,
        ).returning(RateLimitBucket.tat)
        return (await self.session.scalar(stmt)) is not None

    async def arrival(self, key: str) -> datetime | None:
        return await self.session.scalar(
            select(RateLimitBucket.tat).where(RateLimitBucket.key == key)
        )

    async def purge(self, before: datetime) -> int:
        result = await self.session.execute(
            delete(RateLimitBucket).where(RateLimitBucket.tat < before)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
