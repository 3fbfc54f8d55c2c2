from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.models import AiCacheEntry, AiCall, AiQuota, AiUsageDay, QuotaTier


class AiRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def quota(self, tier: QuotaTier) -> AiQuota:
        return await self.session.get_one(AiQuota, tier)

    async def usage(self, user_id: uuid.UUID, day: date) -> AiUsageDay | None:
        return await self.session.get(AiUsageDay, (user_id, day))

    async def charge(self, user_id: uuid.UUID, day: date, tokens: int) -> None:
        """One statement, so concurrent calls of one user add up exactly."""
        usage = AiUsageDay.__table__.c
        stmt = insert(AiUsageDay).values(user_id=user_id, day=day, requests=1, tokens=tokens)
        stmt = stmt.on_conflict_do_update(
            index_elements=[usage.user_id, usage.day],
            set_={"requests": usage.requests + 1, "tokens": usage.tokens + tokens},
        )
        await self.session.execute(stmt)

    async def record(self, call: AiCall) -> None:
        self.session.add(call)
        await self.session.flush()

    async def cached(self, key: str, now: datetime) -> dict[str, Any] | None:
        return await self.session.scalar(
            select(AiCacheEntry.output).where(
                AiCacheEntry.key == key, AiCacheEntry.expires_at > now
            )
        )

    async def store(self, entry: AiCacheEntry) -> None:
        columns = {
            "flow": entry.flow,
            "output": entry.output,
            "created_at": entry.created_at,
            "expires_at": entry.expires_at,
        }
        stmt = insert(AiCacheEntry).values(key=entry.key, **columns)
        await self.session.execute(
            stmt.on_conflict_do_update(index_elements=[AiCacheEntry.key], set_=columns)
        )

    async def purge_cache(self, now: datetime) -> int:
        result = await self.session.execute(
            delete(AiCacheEntry).where(AiCacheEntry.expires_at <= now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
