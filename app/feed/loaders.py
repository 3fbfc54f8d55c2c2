from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.feed.repository import FeedRepository

LikeKey = tuple[uuid.UUID, uuid.UUID]
"""``(activity, user)``."""


async def load_like_counts_by_activity_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[int]:
    counts = await FeedRepository(session).like_counts(keys)
    return [counts.get(key, 0) for key in keys]


async def load_comment_counts_by_activity_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[int]:
    counts = await FeedRepository(session).comment_counts(keys)
    return [counts.get(key, 0) for key in keys]


async def load_likes_by_activity_user(session: AsyncSession, keys: Sequence[LikeKey]) -> list[bool]:
    found = await FeedRepository(session).liked_pairs(keys)
    return [key in found for key in keys]
