"""Published rules documents, in chunks, filed under their sport."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.search.events import RulesDocumentDeleted, RulesDocumentSaved
from app.search.repository import RulesRepository
from app.search.sources import PAGE, Source, SourceItem, register
from app.sports import service as sports


async def load(session: AsyncSession, ids: Sequence[uuid.UUID], now: datetime) -> list[SourceItem]:
    items = []
    for document in await RulesRepository(session).get_many(ids):
        if not document.published:
            continue
        sport = await sports.get_sport_by_code(session, document.sport_code)
        items.append(
            SourceItem(
                source_id=document.id,
                title=document.title,
                body=document.body,
                sport_ids=[sport.id] if sport else [],
                meta={"slug": document.slug, "sport_code": document.sport_code},
            )
        )
    return items


async def list_ids(session: AsyncSession) -> AsyncIterator[list[uuid.UUID]]:
    after = None
    while batch := await RulesRepository(session).ids_after(after, PAGE):
        yield batch
        after = batch[-1]


RULES = register(
    Source(
        "RULES",
        load,
        list_ids,
        {
            RulesDocumentSaved: lambda event: event.rules_document_id,
            RulesDocumentDeleted: lambda event: event.rules_document_id,
        },
    )
)
