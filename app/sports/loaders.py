from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.sports.models import Sport
from app.sports.repository import SportRepository


async def load_sports_by_id(session: AsyncSession, keys: Sequence[uuid.UUID]) -> list[Sport | None]:
    sports = {sport.id: sport for sport in await SportRepository(session).get_many(keys)}
    return [sports.get(key) for key in keys]


async def load_subdisciplines_by_sport_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[Sport]]:
    children: defaultdict[uuid.UUID, list[Sport]] = defaultdict(list)
    for sport in await SportRepository(session).children_of(keys):
        if sport.parent_id is not None:
            children[sport.parent_id].append(sport)
    return [children[key] for key in keys]
