"""Demo friendships, a pending request and follows between the demo users (idempotent)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.social.models import FollowTarget
from app.social.repository import SocialRepository
from app.users import service as users
from app.users.seed import DEMO_BY_USERNAME

FRIENDS = (("alice", "boris"), ("alice", "olga"), ("boris", "dmitry"))
PENDING = (("ivan", "alice"),)
FOLLOWS = (("maria", "alice"), ("maria", "boris"))


async def seed_social(session: AsyncSession) -> None:
    ids = await _demo_ids(session)
    repo = SocialRepository(session)
    now = utcnow()
    for a, b in FRIENDS:
        await repo.befriend(ids[a], ids[b], now)
    for sender, recipient in PENDING:
        pending = await repo.pending_between(ids[sender], ids[recipient])
        if pending is None and not await repo.are_friends(ids[sender], ids[recipient]):
            await repo.add_request(ids[sender], ids[recipient])
    for follower, followed in FOLLOWS:
        await repo.follow(ids[follower], FollowTarget.USER, ids[followed], now)


async def _demo_ids(session: AsyncSession) -> dict[str, uuid.UUID]:
    return {
        name: (await users.provision(session, demo.identity())).id
        for name, demo in DEMO_BY_USERNAME.items()
    }
