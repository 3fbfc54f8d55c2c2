from __future__ import annotations

from typing import Annotated

import strawberry

from app.errors import BadRequestError
from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import parse_id, require_id, to_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated
from app.leagues import models, service
from app.leagues.inputs import (
    AddLeagueFixtureInput,
    AddLeagueSeasonInput,
    CreateLeagueInput,
    EnterLeagueTeamInput,
)
from app.leagues.results import (
    FixtureNotAllowed,
    LeagueDivisionPayload,
    LeaguePayload,
    LeagueSeasonPayload,
    TeamAlreadyEntered,
    TeamNotEligible,
)
from app.leagues.types import League, LeagueDivision, LeagueSeason
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]

CreateLeagueResult = Annotated[
    LeaguePayload | ValidationFailed, strawberry.union("CreateLeagueResult")
]
AddLeagueSeasonResult = Annotated[
    LeagueSeasonPayload | ValidationFailed | NotFound, strawberry.union("AddLeagueSeasonResult")
]
EnterLeagueTeamResult = Annotated[
    LeagueDivisionPayload | NotFound | TeamNotEligible | TeamAlreadyEntered,
    strawberry.union("EnterLeagueTeamResult"),
]
AddLeagueFixtureResult = Annotated[
    LeagueDivisionPayload | NotFound | FixtureNotAllowed,
    strawberry.union("AddLeagueFixtureResult"),
]


def _division(division: models.LeagueDivision) -> LeagueDivisionPayload:
    view = LeagueDivision(id=to_id(division.id), name=division.name, model=division)
    return LeagueDivisionPayload(division=view)


@strawberry.type
class LeagueQuery:
    @strawberry.field(permission_classes=authenticated(), description="Лига по id.")
    async def league(self, info: Info, id: strawberry.ID) -> League | None:
        league_id = parse_id(id)
        if league_id is None:
            return None
        league = await service.get_league(info.context.session, info.context.actor(), league_id)
        return League.from_model(league) if league else None

    @strawberry.field(
        permission_classes=authenticated(), description="Лиги по виду спорта и городу."
    )
    async def leagues(
        self,
        info: Info,
        sport_id: strawberry.ID | None = None,
        city: str | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[League]:
        sport = parse_id(sport_id) if sport_id is not None else None
        if sport_id is not None and sport is None:
            raise BadRequestError("Некорректный идентификатор вида спорта")
        page = await service.list_leagues(
            info.context.session,
            info.context.actor(),
            sport_id=sport,
            city=city,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, League.from_model)


@strawberry.type
class LeagueMutation:
    @mutation(permission_classes=authenticated(), description="Создать лигу (организатор).")
    async def create_league(self, info: Info, input: CreateLeagueInput) -> CreateLeagueResult:
        c = info.context
        league = await service.create_league(
            c.session, c.actor(), input.name, parse_id(input.sport_id), input.city, now=c.now()
        )
        return LeaguePayload(league=League.from_model(league))

    @mutation(
        permission_classes=authenticated(),
        description="Добавить сезон с дивизионами (организатор лиги или модератор).",
    )
    async def add_league_season(
        self, info: Info, input: AddLeagueSeasonInput
    ) -> AddLeagueSeasonResult:
        c = info.context
        season = await service.add_season(
            c.session,
            c.actor(),
            require_id(input.league_id),
            input.name,
            input.division_names,
            now=c.now(),
        )
        return LeagueSeasonPayload(season=LeagueSeason.from_model(season))

    @mutation(
        permission_classes=authenticated(),
        description="Заявить команду в дивизион (организатор лиги или модератор).",
    )
    async def enter_league_team(
        self, info: Info, input: EnterLeagueTeamInput
    ) -> EnterLeagueTeamResult:
        c = info.context
        division = await service.enter_team(
            c.session,
            c.actor(),
            require_id(input.division_id),
            require_id(input.team_id),
            now=c.now(),
        )
        return _division(division)

    @mutation(
        permission_classes=authenticated(),
        description="Засчитывать матч в таблицу дивизиона (организатор лиги или модератор).",
    )
    async def add_league_fixture(
        self, info: Info, input: AddLeagueFixtureInput
    ) -> AddLeagueFixtureResult:
        c = info.context
        division = await service.add_fixture(
            c.session,
            c.actor(),
            require_id(input.division_id),
            require_id(input.match_id),
            now=c.now(),
        )
        return _division(division)
