"""Users' public profiles: name, nickname, city and bio (banned users are left out)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.pagination import PageRequest
from app.search.sources import INDEXER, PAGE, Source, SourceItem, register
from app.users import service as users
from app.users.events import UserProfileUpdated, UserRegistered


async def load(session: AsyncSession, ids: Sequence[uuid.UUID], now: datetime) -> list[SourceItem]:
    found = await users.users_by_id(session, ids)
    return [
        SourceItem(
            source_id=user.id,
            title=user.display_name,
            body=" ".join(filter(None, [user.nickname, user.city, user.bio])),
            city=user.city,
            meta={"nickname": user.nickname},
        )
        for user in found.values()
        if not user.is_banned(now)
    ]


async def list_ids(session: AsyncSession) -> AsyncIterator[list[uuid.UUID]]:
    after = None
    while True:
        page = await users.list_users(
            session, INDEXER, search=None, page=PageRequest(first=PAGE, after=after)
        )
        yield [user.id for user in page.items]
        if not page.has_next_page:
            return
        after = page.cursors[-1]


USERS = register(
    Source(
        "USER",
        load,
        list_ids,
        {
            UserRegistered: lambda event: event.user_id,
            UserProfileUpdated: lambda event: event.user_id,
        },
    )
)
