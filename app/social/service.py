"""What other domains ask about the social graph: friendship and feed sources.

Kept free of other domains' services so that users (privacy) can call it without a cycle;
the flows that change the graph live in ``friends.py`` and ``follows.py``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.social.repository import SocialRepository


async def are_friends(session: AsyncSession, a: uuid.UUID, b: uuid.UUID) -> bool:
    return a != b and await SocialRepository(session).are_friends(a, b)


async def friend_pairs(
    session: AsyncSession, pairs: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> set[tuple[uuid.UUID, uuid.UUID]]:
    """Which of the ``(user, other)`` pairs are friends, in one statement."""
    if not pairs:
        return set()
    return await SocialRepository(session).friend_pairs(pairs)


async def feed_sources(
    session: AsyncSession, user_id: uuid.UUID
) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    """The users (friends and followed users) and teams whose activities ``user_id`` reads."""
    return await SocialRepository(session).feed_sources(user_id)
