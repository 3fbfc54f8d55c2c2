"""What the social tests look at: the graph's tables and the events in the outbox."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.models import OutboxEvent
from app.social.models import Follow, FriendRequest, Friendship

TABLES = (FriendRequest, Friendship, Follow)


async def snapshot(session: AsyncSession) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for model in TABLES:
        rows = (await session.execute(select(*model.__table__.columns))).all()
        state[model.__tablename__] = sorted(tuple(map(str, row)) for row in rows)
    state["outbox"] = (await session.scalars(select(OutboxEvent.type))).all()
    return state


async def social_events(session: AsyncSession) -> list[OutboxEvent]:
    stmt = (
        select(OutboxEvent).where(OutboxEvent.type.startswith("social.")).order_by(OutboxEvent.seq)
    )
    return list((await session.scalars(stmt)).all())


async def friend_pairs(session: AsyncSession) -> set[tuple[str, str]]:
    rows = (await session.execute(select(Friendship.user_id, Friendship.friend_id))).all()
    return {(str(a), str(b)) for a, b in rows}
