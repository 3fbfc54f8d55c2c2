"""Public tournaments: name, sport, city, description and prize (drafts are never indexed).

What the public sees is what is found: a tournament once announced (and from then on, finished
or cancelled ones included, as their pages stay open), never a draft.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.pagination import PageRequest
from app.search.sources import INDEXER, PAGE, Source, SourceItem, register
from app.sports import service as sports
from app.tournaments import service as tournaments
from app.tournaments.events import (
    TournamentCreated,
    TournamentFinished,
    TournamentStarted,
    TournamentUpdated,
)


async def load(session: AsyncSession, ids: Sequence[uuid.UUID], now: datetime) -> list[SourceItem]:
    found = (await tournaments.tournaments_by_id(session, ids)).values()
    public = [t for t in found if tournaments.may_see(INDEXER, t)]
    names = {
        sport.id: sport.name
        for sport in await sports.get_sports(session, list({t.sport_id for t in public}))
    }
    return [
        SourceItem(
            source_id=t.id,
            title=t.name,
            body=" ".join(filter(None, [names.get(t.sport_id), t.city, t.description, t.prize])),
            sport_ids=[t.sport_id],
            city=t.city,
            meta={"slug": t.slug, "status": t.status.value},
        )
        for t in public
    ]


async def list_ids(session: AsyncSession) -> AsyncIterator[list[uuid.UUID]]:
    after = None
    while True:
        page = await tournaments.list_tournaments(
            session, INDEXER, tournaments.ListFilter(), PageRequest(first=PAGE, after=after)
        )
        yield [t.id for t in page.items]
        if not page.has_next_page:
            return
        after = page.cursors[-1]


TOURNAMENTS = register(
    Source(
        "TOURNAMENT",
        load,
        list_ids,
        {
            TournamentCreated: lambda event: event.tournament_id,
            TournamentUpdated: lambda event: event.tournament_id,
            TournamentStarted: lambda event: event.tournament_id,
            TournamentFinished: lambda event: event.tournament_id,
        },
    )
)
