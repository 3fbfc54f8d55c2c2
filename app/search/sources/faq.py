"""Published FAQ items: the question is the title, the answer the body."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.search.events import FaqItemDeleted, FaqItemSaved
from app.search.repository import FaqRepository
from app.search.sources import PAGE, Source, SourceItem, register


async def load(session: AsyncSession, ids: Sequence[uuid.UUID], now: datetime) -> list[SourceItem]:
    return [
        SourceItem(
            source_id=item.id,
            title=item.question,
            body=item.answer,
            meta={"slug": item.slug, "category": item.category},
        )
        for item in await FaqRepository(session).get_many(ids)
        if item.published
    ]


async def list_ids(session: AsyncSession) -> AsyncIterator[list[uuid.UUID]]:
    after = None
    while batch := await FaqRepository(session).ids_after(after, PAGE):
        yield batch
        after = batch[-1]


FAQ = register(
    Source(
        "FAQ",
        load,
        list_ids,
        {
            FaqItemSaved: lambda event: event.faq_item_id,
            FaqItemDeleted: lambda event: event.faq_item_id,
        },
    )
)
