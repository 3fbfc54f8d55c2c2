"""XP and rank on the users domain's ``User`` type (added by ``extend_type`` in schema.py)."""

from __future__ import annotations

import strawberry

from app.economy.loaders import RankPlacement
from app.economy.types import Rank
from app.graphql.context import Info
from app.users.types import User


async def _xp(root: User, info: Info) -> int:
    return await info.context.loaders.xp_by_user_id.load(root.model.id)


async def _placement(root: User, info: Info) -> RankPlacement:
    return await info.context.loaders.rank_placement_by_xp.load(await _xp(root, info))


async def _rank(root: User, info: Info) -> Rank:
    return Rank.current(await _placement(root, info))


async def _next_rank(root: User, info: Info) -> Rank | None:
    return Rank.following(await _placement(root, info))


@strawberry.type
class UserProgressFields:
    xp: int = strawberry.field(resolver=_xp, description="Опыт (XP).")
    rank: Rank = strawberry.field(resolver=_rank, description="Ранг по опыту.")
    next_rank: Rank | None = strawberry.field(
        resolver=_next_rank, description="Следующий ранг; null на высшем."
    )
