"""The rank ladder, shared by every request and event of a process.

Ranks change only with their migration, yet every page that shows a rank, and every XP award,
read the table again. Kept as reference data (``app.reference``): read at most once per TTL.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.economy.models import Rank
from app.reference import ReferenceCache


@dataclass(frozen=True, slots=True)
class RankTier:
    """A rank as plain data: ORM rows belong to one session, the ladder to all of them."""

    level: int
    title: str
    description: str | None
    min_xp: int


_TIERS = select(Rank.level, Rank.title, Rank.description, Rank.min_xp).order_by(Rank.min_xp)


async def _tiers(session: AsyncSession) -> tuple[RankTier, ...]:
    return tuple(RankTier(*row) for row in (await session.execute(_TIERS)).all())


RANK_TIERS = ReferenceCache(_tiers)
"""The ranks, lowest first."""
