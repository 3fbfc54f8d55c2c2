"""Reference data cached per process: reused within its time to live, read again after it."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.reference import ReferenceCache, clear_reference_caches


async def now_in_database(session: AsyncSession) -> str:
    return str(await session.scalar(text("SELECT clock_timestamp()")))


async def test_a_value_is_reused_within_its_ttl(session: AsyncSession) -> None:
    cache = ReferenceCache(now_in_database, ttl_s=3600)

    first = await cache.get(session)

    assert await cache.get(session) == first


async def test_a_value_is_read_again_after_its_ttl_or_a_clear(session: AsyncSession) -> None:
    expiring = ReferenceCache(now_in_database, ttl_s=0)
    kept = ReferenceCache(now_in_database, ttl_s=3600)
    first, kept_first = await expiring.get(session), await kept.get(session)

    expired_again = await expiring.get(session)
    clear_reference_caches()

    assert expired_again != first
    assert await kept.get(session) != kept_first
