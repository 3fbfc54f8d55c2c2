"""XP and rank on the users domain's ``User`` type (added by ``extend_type`` in schema.py)."""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Awaitable, Sequence

import strawberry
from strawberry.utils.await_maybe import AwaitableOrValue

from app.economy.loaders import RankPlacement
from app.economy.types import Rank
from app.graphql.context import Info
from app.graphql.loading import known_or_load, selects, then
from app.users.types import User


def _xp(root: User, info: Info) -> AwaitableOrValue[int]:
    return known_or_load(info.context.loaders.xp_by_user_id, root.model.id)


def _placement(root: User, info: Info) -> AwaitableOrValue[RankPlacement]:
    xp = _xp(root, info)
    if inspect.isawaitable(xp):
        return _placement_later(info, xp)
    return known_or_load(info.context.loaders.rank_placement_by_xp, xp)


async def _placement_later(info: Info, xp: Awaitable[int]) -> RankPlacement:
    return await info.context.loaders.rank_placement_by_xp.load(await xp)


def _rank(root: User, info: Info) -> AwaitableOrValue[Rank]:
    return then(_placement(root, info), Rank.current)


def _next_rank(root: User, info: Info) -> AwaitableOrValue[Rank | None]:
    return then(_placement(root, info), Rank.following)


async def prefetch_progress(info: Info, user_ids: Sequence[uuid.UUID], under: str) -> None:
    """For ``prefetch_users``: the XP, and the rank placements, the selection asks for."""
    loaders = info.context.loaders
    ranks = (f"{under}.rank", f"{under}.nextRank")
    if selects(info, f"{under}.xp", *ranks):
        xps = await loaders.xp_by_user_id.load_many(user_ids)
        if selects(info, *ranks):
            await loaders.rank_placement_by_xp.load_many(xps)


@strawberry.type
class UserProgressFields:
    xp: AwaitableOrValue[int] = strawberry.field(
        resolver=_xp, graphql_type=int, description="Опыт (XP)."
    )
    rank: AwaitableOrValue[Rank] = strawberry.field(
        resolver=_rank, graphql_type=Rank, description="Ранг по опыту."
    )
    next_rank: AwaitableOrValue[Rank | None] = strawberry.field(
        resolver=_next_rank,
        graphql_type=Rank | None,
        description="Следующий ранг; null на высшем.",
    )
