"""Leaderboards: players by XP (the economy), teams by rating (the teams domain).

No tables of its own: each board is one keyset page read along an index of its owner
(``ix_user_progress_*``, ``ix_teams_*_leaderboard``), so a page costs the same at any depth.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from app.economy import service as economy
from app.economy.models import UserProgress
from app.errors import BadRequestError
from app.graphql.context import Info
from app.graphql.ids import parse_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated
from app.pagination import DEFAULT_PAGE_SIZE, Page, PageRequest
from app.teams import service as teams
from app.teams.types import Team
from app.users.types import User

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]


@strawberry.type
class LeaderboardQuery:
    @strawberry.field(
        permission_classes=authenticated(),
        description="Игроки по опыту (XP), лучшие первыми; можно по городу.",
    )
    async def player_leaderboard(
        self,
        info: Info,
        city: str | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[User]:
        page = await economy.player_leaderboard(
            info.context.session,
            info.context.actor(),
            city=city,
            page=PageRequest(first=first, after=after),
        )
        return await _players(info, page)

    @strawberry.field(
        permission_classes=authenticated(),
        description="Команды одного вида спорта по рейтингу, лучшие первыми; можно по городу.",
    )
    async def team_leaderboard(
        self,
        info: Info,
        sport_id: strawberry.ID,
        city: str | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Team]:
        parsed = parse_id(sport_id)
        if parsed is None:
            raise BadRequestError("Некорректный идентификатор вида спорта")
        page = await teams.rating_leaderboard(
            info.context.session,
            info.context.actor(),
            parsed,
            city=city,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, Team.from_model)


async def _players(info: Info, page: Page[UserProgress]) -> Connection[User]:
    """Users of the page; their XP is known already, so the loader is primed with it."""
    loaders = info.context.loaders
    for row in page.items:
        loaders.xp_by_user_id.prime(row.user_id, row.xp)
    users = await loaders.user_by_id.load_many([row.user_id for row in page.items])
    by_id = {user.id: user for user in users if user is not None}
    return Connection.from_page(page, lambda row: User.from_model(by_id[row.user_id]))
