"""Leagues: name, sport, city and season names. Every league is public from its creation."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.leagues import service as leagues
from app.leagues.events import LeagueCreated, LeagueSeasonAdded
from app.pagination import PageRequest
from app.search.sources import INDEXER, PAGE, Source, SourceItem, register
from app.sports import service as sports


async def load(session: AsyncSession, ids: Sequence[uuid.UUID], now: datetime) -> list[SourceItem]:
    found = list((await leagues.leagues_by_id(session, ids)).values())
    seasons = await leagues.season_names(session, [league.id for league in found])
    names = {
        sport.id: sport.name
        for sport in await sports.get_sports(session, list({lg.sport_id for lg in found}))
    }
    return [
        SourceItem(
            source_id=league.id,
            title=league.name,
            body=" ".join(
                filter(None, [names.get(league.sport_id), league.city, *seasons[league.id]])
            ),
            sport_ids=[league.sport_id],
            city=league.city,
        )
        for league in found
    ]


async def list_ids(session: AsyncSession) -> AsyncIterator[list[uuid.UUID]]:
    after = None
    while True:
        page = await leagues.list_leagues(
            session, INDEXER, sport_id=None, city=None, page=PageRequest(first=PAGE, after=after)
        )
        yield [league.id for league in page.items]
        if not page.has_next_page:
            return
        after = page.cursors[-1]


LEAGUES = register(
    Source(
        "LEAGUE",
        load,
        list_ids,
        {
            LeagueCreated: lambda event: event.league_id,
            LeagueSeasonAdded: lambda event: event.league_id,
        },
    )
)
