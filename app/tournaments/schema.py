from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated

import strawberry

from app.errors import BadRequestError
from app.graphql.context import Info
from app.graphql.extend import extend_type
from app.graphql.ids import parse_id, require_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest
from app.teams.types import Team
from app.tournaments import (
    guards,  # noqa: F401  (registers the disband guard and judges)
    service,
    streams,
)
from app.tournaments.enums import TournamentStatus
from app.tournaments.types import TeamTournamentFields, Tournament

extend_type(Team, TeamTournamentFields)

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]


@strawberry.type
class TournamentQuery:
    @strawberry.field(
        permission_classes=authenticated(),
        description="Турнир по id или по адресу (slug); ровно одно из двух.",
    )
    async def tournament(
        self, info: Info, id: strawberry.ID | None = None, slug: str | None = None
    ) -> Tournament | None:
        if (id is None) == (slug is None):
            raise BadRequestError("Укажите ровно одно из id и slug")
        session, actor = info.context.session, info.context.actor()
        if slug is not None:
            t = await service.get_tournament_by_slug(session, actor, slug)
        else:
            tournament_id = parse_id(id) if id is not None else None
            t = (
                await service.get_tournament(session, actor, tournament_id)
                if tournament_id
                else None
            )
        if t is None or not service.visible_to_all(t):
            # A draft, or none: its organizer and staff would get another answer.
            info.context.cacheability.per_viewer()
        return Tournament.from_model(t) if t else None

    @strawberry.field(
        permission_classes=authenticated(),
        description="Турниры (публичные и свои черновики), ближайшие первыми.",
    )
    async def tournaments(
        self,
        info: Info,
        sport_id: strawberry.ID | None = None,
        status: list[TournamentStatus] | None = None,
        city: str | None = None,
        starts_from: datetime | None = None,
        starts_to: datetime | None = None,
        search: str | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Tournament]:
        where = service.ListFilter(
            sport_id=_filter_id(sport_id),
            statuses=status or (),
            city=city,
            starts_from=starts_from,
            starts_to=starts_to,
            search=search,
        )
        page = await service.list_tournaments(
            info.context.session, info.context.actor(), where, PageRequest(first=first, after=after)
        )
        return Connection.from_page(page, Tournament.from_model)


@strawberry.type
class TournamentSubscription:
    @strawberry.subscription(
        permission_classes=authenticated(),
        description="Турнир после каждого изменения: статус, заявки, сетка, итог.",
    )
    async def tournament_updated(
        self, info: Info, tournament_id: strawberry.ID
    ) -> AsyncIterator[Tournament]:
        async for update in streams.tournament_updates(info.context, require_id(tournament_id)):
            yield update


def _filter_id(value: strawberry.ID | None) -> uuid.UUID | None:
    if value is None:
        return None
    parsed = parse_id(value)
    if parsed is None:
        raise BadRequestError("Некорректный идентификатор в фильтре")
    return parsed
