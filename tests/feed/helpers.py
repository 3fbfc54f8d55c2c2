from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.models import OutboxEvent
from app.feed.models import Activity, ActivityComment, ActivityLike


async def snapshot(session: AsyncSession) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for model in (Activity, ActivityLike, ActivityComment):
        rows = (await session.execute(select(*model.__table__.columns))).all()
        state[model.__tablename__] = sorted(tuple(map(str, row)) for row in rows)
    state["outbox"] = (await session.scalars(select(OutboxEvent.type))).all()
    return state


async def feed_events(session: AsyncSession) -> list[str]:
    stmt = (
        select(OutboxEvent.type)
        .where(OutboxEvent.type.startswith("feed."))
        .order_by(OutboxEvent.seq)
    )
    return list((await session.scalars(stmt)).all())
