"""Mutation payloads and typed errors of leagues."""

from __future__ import annotations

import strawberry

from app.graphql.errors import UserError, maps
from app.leagues.errors import (
    FixtureNotAllowedError,
    TeamAlreadyEnteredError,
    TeamNotEligibleError,
)
from app.leagues.types import League, LeagueDivision, LeagueSeason


@strawberry.type
class LeaguePayload:
    league: League


@strawberry.type
class LeagueSeasonPayload:
    season: LeagueSeason


@strawberry.type
class LeagueDivisionPayload:
    division: LeagueDivision


@maps(TeamAlreadyEnteredError)
@strawberry.type
class TeamAlreadyEntered(UserError):
    pass


@maps(TeamNotEligibleError)
@strawberry.type
class TeamNotEligible(UserError):
    pass


@maps(FixtureNotAllowedError)
@strawberry.type
class FixtureNotAllowed(UserError):
    pass
