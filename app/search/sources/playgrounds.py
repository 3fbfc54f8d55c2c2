"""Approved playgrounds: name, address, city and sports (pending and rejected ones never)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.pagination import PageRequest
from app.playgrounds import service as playgrounds
from app.playgrounds.events import PlaygroundApproved, PlaygroundProposed, PlaygroundRejected
from app.playgrounds.loaders import load_sport_ids_by_playground_id
from app.playgrounds.models import PlaygroundStatus
from app.search.sources import INDEXER, PAGE, Source, SourceItem, register
from app.sports import service as sports


async def load(session: AsyncSession, ids: Sequence[uuid.UUID], now: datetime) -> list[SourceItem]:
    found = await playgrounds.playgrounds_by_id(session, list(ids))
    approved = [p for p in found.values() if p.status is PlaygroundStatus.APPROVED]
    sport_ids = await load_sport_ids_by_playground_id(session, [p.id for p in approved])
    every = {sport_id for ids_ in sport_ids for sport_id in ids_}
    names = {sport.id: sport.name for sport in await sports.get_sports(session, list(every))}
    return [
        SourceItem(
            source_id=playground.id,
            title=playground.name,
            body=" ".join(
                [playground.address, playground.city, *(names[s] for s in ids_ if s in names)]
            ),
            sport_ids=ids_,
            city=playground.city,
        )
        for playground, ids_ in zip(approved, sport_ids, strict=True)
    ]


async def list_ids(session: AsyncSession) -> AsyncIterator[list[uuid.UUID]]:
    after = None
    while True:
        page = await playgrounds.search_playgrounds(
            session,
            INDEXER,
            search=None,
            city=None,
            sport_id=None,
            surface=None,
            page=PageRequest(first=PAGE, after=after),
        )
        yield [playground.id for playground in page.items]
        if not page.has_next_page:
            return
        after = page.cursors[-1]


PLAYGROUNDS = register(
    Source(
        "PLAYGROUND",
        load,
        list_ids,
        {
            PlaygroundProposed: lambda event: event.playground_id,
            PlaygroundApproved: lambda event: event.playground_id,
            PlaygroundRejected: lambda event: event.playground_id,
        },
    )
)
