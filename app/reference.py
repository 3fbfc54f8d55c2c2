"""Reference data a process keeps for a short while: rows that only migrations or the seed
write, read for every event by the workers (the ranks, the quest and achievement catalogues).

A change reaches every process within ``ttl_s``; ``prodvor seed`` also drops its own process's
copies. Nothing a user operation changes belongs here: the earning rules (edited through the
API), wallets or progress are read from the database every time.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")

REFERENCE_TTL_S = 30.0

_ALL: list[ReferenceCache[Any]] = []


class ReferenceCache(Generic[T]):
    """The value ``load(session)`` returned, reused for ``ttl_s`` seconds.

    Cache plain values (tuples of frozen dataclasses), never ORM objects: those belong to the
    session that loaded them, which may expire or change them.
    """

    def __init__(
        self, load: Callable[[AsyncSession], Awaitable[T]], *, ttl_s: float = REFERENCE_TTL_S
    ) -> None:
        self._load = load
        self._ttl_s = ttl_s
        self._value: T | None = None
        self._expires = 0.0
        _ALL.append(self)

    async def get(self, session: AsyncSession) -> T:
        if self._value is None or time.monotonic() >= self._expires:
            self._value = await self._load(session)
            self._expires = time.monotonic() + self._ttl_s
        return self._value

    def clear(self) -> None:
        self._value = None


def clear_reference_caches() -> None:
    """Forget every cached value (after seeding; between tests, which write catalogues)."""
    for cache in _ALL:
        cache.clear()
