from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.search.models import FaqItem, RulesDocument
from app.search.repository import FaqRepository, RulesRepository


async def load_faq_items_by_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[FaqItem | None]:
    found = {item.id: item for item in await FaqRepository(session).get_many(keys)}
    return [found.get(key) for key in keys]


async def load_rules_documents_by_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[RulesDocument | None]:
    found = {doc.id: doc for doc in await RulesRepository(session).get_many(keys)}
    return [found.get(key) for key in keys]
