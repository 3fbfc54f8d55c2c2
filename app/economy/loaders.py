from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.economy.ranks import RANK_TIERS, RankTier
from app.economy.repository import ProgressRepository


@dataclass(frozen=True, slots=True)
class RankPlacement:
    """The rank an XP total gives, the one after it (``None`` at the top), and their bounds."""

    rank: RankTier
    max_xp: int | None
    next: RankTier | None
    next_max_xp: int | None


async def load_xp_by_user_id(session: AsyncSession, keys: Sequence[uuid.UUID]) -> list[int]:
    xp = await ProgressRepository(session).xp_of(keys)
    return [xp.get(key, 0) for key in keys]


async def load_rank_placements_by_xp(
    session: AsyncSession, keys: Sequence[int]
) -> list[RankPlacement]:
    ranks = await RANK_TIERS.get(session)
    return [placement(ranks, xp) for xp in keys]


def placement(ranks: Sequence[RankTier], xp: int) -> RankPlacement:
    """Below the first threshold a user still holds the first rank."""
    index = max((i for i, rank in enumerate(ranks) if rank.min_xp <= xp), default=0)

    def upper(i: int) -> int | None:
        return ranks[i + 1].min_xp - 1 if i + 1 < len(ranks) else None

    has_next = index + 1 < len(ranks)
    return RankPlacement(
        rank=ranks[index],
        max_xp=upper(index),
        next=ranks[index + 1] if has_next else None,
        next_max_xp=upper(index + 1) if has_next else None,
    )
