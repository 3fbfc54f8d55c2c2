from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.store.models import StoreItem
from app.store.repository import ItemRepository


async def load_store_items_by_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[StoreItem | None]:
    items = {item.id: item for item in await ItemRepository(session).get_many(list(keys))}
    return [items.get(key) for key in keys]
