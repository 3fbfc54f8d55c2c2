from __future__ import annotations

import uuid
from typing import Annotated

import strawberry

from app.errors import BadRequestError
from app.graphql.context import Info
from app.graphql.ids import parse_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest
from app.teams import applications, invitations, service
from app.teams.models import ApplicationStatus, InvitationStatus
from app.teams.repository import TeamOrder
from app.teams.types import Team, TeamApplication, TeamInvitation

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]


@strawberry.type
class TeamQuery:
    @strawberry.field(
        permission_classes=authenticated(),
        description="Команда по id или по адресу (slug); ровно одно из двух.",
    )
    async def team(
        self, info: Info, id: strawberry.ID | None = None, slug: str | None = None
    ) -> Team | None:
        if (id is None) == (slug is None):
            raise BadRequestError("Укажите ровно одно из id и slug")
        session, actor = info.context.session, info.context.actor()
        if slug is not None:
            team = await service.get_team_by_slug(session, actor, slug)
        else:
            team_id = parse_id(id) if id is not None else None
            team = await service.get_team(session, actor, team_id) if team_id else None
        return Team.from_model(team) if team else None

    @strawberry.field(
        permission_classes=authenticated(), description="Мои действующие команды, по названию."
    )
    async def my_teams(self, info: Info) -> list[Team]:
        teams = await service.teams_of_member(info.context.session, info.context.actor())
        return [Team.from_model(team) for team in teams]

    @strawberry.field(
        permission_classes=authenticated(),
        description="Действующие команды; вид спорта включает свои разновидности.",
    )
    async def teams(
        self,
        info: Info,
        sport_id: strawberry.ID | None = None,
        city: str | None = None,
        search: str | None = None,
        order_by: TeamOrder = TeamOrder.RATING,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Team]:
        page = await service.list_teams(
            info.context.session,
            info.context.actor(),
            sport_id=_filter_id(sport_id),
            city=city,
            search=search,
            order=order_by,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, Team.from_model)

    @strawberry.field(permission_classes=authenticated(), description="Заявки в команду: капитану.")
    async def team_applications(
        self,
        info: Info,
        team_id: strawberry.ID,
        status: ApplicationStatus | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[TeamApplication] | None:
        parsed = parse_id(team_id)
        if parsed is None:
            return None
        page = await applications.list_team_applications(
            info.context.session,
            info.context.actor(),
            parsed,
            status=status,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, TeamApplication.from_model) if page else None

    @strawberry.field(permission_classes=authenticated(), description="Мои заявки в команды.")
    async def my_team_applications(
        self,
        info: Info,
        status: ApplicationStatus | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[TeamApplication]:
        page = await applications.list_my_applications(
            info.context.session,
            info.context.actor(),
            status=status,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, TeamApplication.from_model)

    @strawberry.field(
        permission_classes=authenticated(), description="Приглашения от команды: капитану."
    )
    async def team_invitations(
        self,
        info: Info,
        team_id: strawberry.ID,
        status: InvitationStatus | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[TeamInvitation] | None:
        parsed = parse_id(team_id)
        if parsed is None:
            return None
        page = await invitations.list_team_invitations(
            info.context.session,
            info.context.actor(),
            parsed,
            status=status,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, TeamInvitation.from_model) if page else None

    @strawberry.field(permission_classes=authenticated(), description="Мои приглашения в команды.")
    async def my_team_invitations(
        self,
        info: Info,
        status: InvitationStatus | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[TeamInvitation]:
        page = await invitations.list_my_invitations(
            info.context.session,
            info.context.actor(),
            status=status,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, TeamInvitation.from_model)


def _filter_id(value: strawberry.ID | None) -> uuid.UUID | None:
    if value is None:
        return None
    parsed = parse_id(value)
    if parsed is None:
        raise BadRequestError("Некорректный идентификатор в фильтре")
    return parsed
