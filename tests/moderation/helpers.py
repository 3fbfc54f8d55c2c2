from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.models import OutboxEvent
from app.moderation.models import ModerationLogEntry, UserReport
from app.users.models import User


async def snapshot(session: AsyncSession) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for model in (UserReport, ModerationLogEntry):
        rows = (await session.execute(select(*model.__table__.columns))).all()
        state[model.__tablename__] = sorted(tuple(map(str, row)) for row in rows)
    bans = await session.execute(select(User.id, User.banned_until, User.ban_reason))
    state["bans"] = sorted(tuple(map(str, row)) for row in bans.all())
    state["outbox"] = (await session.scalars(select(OutboxEvent.type))).all()
    return state


async def moderation_events(session: AsyncSession) -> list[str]:
    stmt = (
        select(OutboxEvent.type)
        .where(OutboxEvent.type.startswith("moderation."))
        .order_by(OutboxEvent.seq)
    )
    return list((await session.scalars(stmt)).all())
