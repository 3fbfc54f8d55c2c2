"""Active teams: name, sport, city, motto and description (disbanded teams are left out)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.pagination import PageRequest
from app.search.sources import INDEXER, PAGE, Source, SourceItem, register
from app.sports import service as sports
from app.teams import service as teams
from app.teams.events import TeamCreated, TeamDisbanded, TeamUpdated
from app.teams.repository import TeamOrder


async def load(session: AsyncSession, ids: Sequence[uuid.UUID], now: datetime) -> list[SourceItem]:
    found = list((await teams.teams_by_id(session, ids)).values())
    active = [team for team in found if team.disbanded_at is None]
    names = {
        sport.id: sport.name
        for sport in await sports.get_sports(session, list({t.sport_id for t in active}))
    }
    return [
        SourceItem(
            source_id=team.id,
            title=team.name,
            body=" ".join(
                filter(None, [names.get(team.sport_id), team.city, team.motto, team.description])
            ),
            sport_ids=[team.sport_id],
            city=team.city,
            meta={"slug": team.slug},
        )
        for team in active
    ]


async def list_ids(session: AsyncSession) -> AsyncIterator[list[uuid.UUID]]:
    after = None
    while True:
        page = await teams.list_teams(
            session,
            INDEXER,
            sport_id=None,
            city=None,
            search=None,
            order=TeamOrder.CREATED,
            page=PageRequest(first=PAGE, after=after),
        )
        yield [team.id for team in page.items]
        if not page.has_next_page:
            return
        after = page.cursors[-1]


TEAMS = register(
    Source(
        "TEAM",
        load,
        list_ids,
        {
            TeamCreated: lambda event: event.team_id,
            TeamUpdated: lambda event: event.team_id,
            TeamDisbanded: lambda event: event.team_id,
        },
    )
)
