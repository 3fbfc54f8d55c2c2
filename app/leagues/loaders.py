from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.leagues.models import DivisionTeam, League, LeagueDivision, LeagueSeason
from app.leagues.repository import LeagueRepository, StandingRepository


async def load_leagues_by_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[League | None]:
    found = {league.id: league for league in await LeagueRepository(session).get_many(keys)}
    return [found.get(key) for key in keys]


async def load_league_seasons_by_league_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[LeagueSeason]]:
    grouped: defaultdict[uuid.UUID, list[LeagueSeason]] = defaultdict(list)
    for season in await LeagueRepository(session).seasons_of(keys):
        grouped[season.league_id].append(season)
    return [grouped[key] for key in keys]


async def load_league_divisions_by_season_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[LeagueDivision]]:
    grouped: defaultdict[uuid.UUID, list[LeagueDivision]] = defaultdict(list)
    for division in await LeagueRepository(session).divisions_of(keys):
        grouped[division.season_id].append(division)
    return [grouped[key] for key in keys]


async def load_league_standings_by_division_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[DivisionTeam]]:
    grouped: defaultdict[uuid.UUID, list[DivisionTeam]] = defaultdict(list)
    for row in await StandingRepository(session).of_divisions(keys):
        grouped[row.division_id].append(row)
    return [grouped[key] for key in keys]
