"""The rank ladder, shared by every request of a replica.

Ranks change only with a migration (no operation edits them), yet every page that shows a
rank read the whole table again: one statement of the dashboard's eleven. The ladder is read
at most once per ``ttl_s``; the TTL bounds how long a replica keeps the old ladder after a
migration that changes it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.economy.models import Rank

LADDER_TTL_S = 300.0


@dataclass(frozen=True, slots=True)
class RankTier:
    """A rank as plain data: ORM rows belong to one session, the ladder to all of them."""

    level: int
    title: str
    description: str | None
    min_xp: int


_TIERS = select(Rank.level, Rank.title, Rank.description, Rank.min_xp).order_by(Rank.min_xp)


class RankLadder:
    def __init__(
        self, ttl_s: float = LADDER_TTL_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl_s = ttl_s
        self.clock = clock
        self._tiers: tuple[RankTier, ...] = ()
        self._expires_at = float("-inf")

    async def tiers(self, session: AsyncSession) -> tuple[RankTier, ...]:
        """The ranks, lowest first; read through ``session`` when the copy is missing or old.
        Two requests that find it old at once both read: the result is the same."""
        if self.clock() >= self._expires_at:
            rows = (await session.execute(_TIERS)).all()
            self._tiers = tuple(RankTier(*row) for row in rows)
            self._expires_at = self.clock() + self.ttl_s
        return self._tiers

    def expire(self) -> None:
        """Make the next read go to the database (each test starts from a cold ladder, so its
        statement counts do not depend on the tests before it)."""
        self._expires_at = float("-inf")


LADDER = RankLadder()
"""The replica's ladder."""
