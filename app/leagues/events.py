"""League events, keyed by the league id."""

from __future__ import annotations

import uuid

from app.events import Event

TOPIC = "prodvor.leagues"


class _LeagueEvent(Event):
    topic = TOPIC

    league_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.league_id)


class LeagueCreated(_LeagueEvent):
    type = "league.created"

    sport_id: uuid.UUID
    city: str
    organizer_id: uuid.UUID


class LeagueSeasonAdded(_LeagueEvent):
    type = "league.season_added"

    season_id: uuid.UUID
    division_ids: list[uuid.UUID]


class LeagueTeamEntered(_LeagueEvent):
    type = "league.team_entered"

    division_id: uuid.UUID
    team_id: uuid.UUID


class LeagueFixtureAdded(_LeagueEvent):
    type = "league.fixture_added"

    division_id: uuid.UUID
    match_id: uuid.UUID


class LeagueStandingsUpdated(_LeagueEvent):
    type = "league.standings_updated"

    division_id: uuid.UUID
    match_id: uuid.UUID
