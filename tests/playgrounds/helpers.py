"""What the playgrounds tests look at: the domain's tables and the events in the outbox."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.models import OutboxEvent
from app.playgrounds.models import (
    ConditionReport,
    CourtStanding,
    CourtWin,
    Playground,
    PlaygroundCheckIn,
    PlaygroundReview,
    PlaygroundSport,
    PlaygroundVisitor,
)
from app.teams.models import TeamHomePlayground

TABLES = (
    Playground,
    PlaygroundSport,
    PlaygroundReview,
    PlaygroundCheckIn,
    PlaygroundVisitor,
    ConditionReport,
    CourtWin,
    CourtStanding,
    TeamHomePlayground,
)


async def snapshot(session: AsyncSession) -> dict[str, Any]:
    """Every row of the playgrounds tables and the outbox, to prove nothing changed."""
    state: dict[str, Any] = {}
    for model in TABLES:
        columns = [c for c in model.__table__.columns if c.name != "search_vector"]
        rows = (await session.execute(select(*columns))).all()
        state[model.__tablename__] = sorted(tuple(map(str, row)) for row in rows)
    state["outbox"] = (await session.scalars(select(OutboxEvent.type))).all()
    return state


async def events(session: AsyncSession, prefix: str = "playground.") -> list[OutboxEvent]:
    stmt = select(OutboxEvent).where(OutboxEvent.type.startswith(prefix)).order_by(OutboxEvent.seq)
    return list((await session.scalars(stmt)).all())


async def event_types(session: AsyncSession, prefix: str = "playground.") -> list[str]:
    return [event.type for event in await events(session, prefix)]


async def fresh(session: AsyncSession, model: type[Any], key: Any) -> Any:
    return await session.get(model, key, populate_existing=True)
