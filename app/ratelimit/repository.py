from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, literal, select
from sqlalchemy.dialects.postgresql import TIMESTAMP, insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.ratelimit.models import RateLimitBucket


@dataclass(frozen=True, slots=True)
class Draw:
    """Take ``increment`` from the bucket ``key`` whose burst tolerance is ``period``."""

    key: str
    increment: timedelta
    period: timedelta


class RateLimitRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def admit(self, draws: Sequence[Draw], *, now: datetime) -> set[str]:
        """Advance every bucket that stays within its period of ``now``; return their keys.

        One statement for all buckets: ``ON CONFLICT DO UPDATE`` locks each row and evaluates
        its ``WHERE`` on the latest version, so concurrent requests on any replica count exactly.
        """
        at = literal(now, TIMESTAMP(timezone=True))
        bucket = RateLimitBucket.__table__.c
        stmt = insert(RateLimitBucket).values(
            [{"key": d.key, "tat": now + d.increment, "period": d.period} for d in draws]
        )
        advanced = func.greatest(bucket.tat, at) + (stmt.excluded.tat - at)
        stmt = stmt.on_conflict_do_update(
            index_elements=[bucket.key],
            set_={"tat": advanced, "period": stmt.excluded.period},
            where=advanced - stmt.excluded.period <= at,
        )
        result = await self.session.scalars(stmt.returning(bucket.key))
        return set(result.all())

    async def arrival(self, key: str) -> datetime | None:
        return await self.session.scalar(
            select(RateLimitBucket.tat).where(RateLimitBucket.key == key)
        )

    async def purge(self, before: datetime) -> int:
        result = await self.session.execute(
            delete(RateLimitBucket).where(RateLimitBucket.tat < before)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
