from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.social.models import FollowTarget
from app.social.repository import SocialRepository

FriendPair = tuple[uuid.UUID, uuid.UUID]
"""``(viewer, other)``."""
FollowKey = tuple[FollowTarget, uuid.UUID]


async def load_friendships_by_pair(session: AsyncSession, keys: Sequence[FriendPair]) -> list[bool]:
    found = await SocialRepository(session).friend_pairs(keys)
    return [key in found for key in keys]


async def load_follower_counts_by_target(
    session: AsyncSession, keys: Sequence[FollowKey]
) -> list[int]:
    repo = SocialRepository(session)
    counts: dict[FollowKey, int] = {}
    for target in {kind for kind, _ in keys}:
        ids = [target_id for kind, target_id in keys if kind is target]
        for target_id, count in (await repo.follower_counts(target, ids)).items():
            counts[(target, target_id)] = count
    return [counts.get(key, 0) for key in keys]


async def load_following_counts_by_user_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[int]:
    counts = await SocialRepository(session).following_counts(keys)
    return [counts.get(key, 0) for key in keys]


async def load_friend_counts_by_user_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[int]:
    counts = await SocialRepository(session).friend_counts(keys)
    return [counts.get(key, 0) for key in keys]
