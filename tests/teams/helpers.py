"""What the teams tests look at: the domain's tables and the events in the outbox."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.models import OutboxEvent
from app.teams.models import Team, TeamApplication, TeamInvitation, TeamMember
from app.users.models import User

TABLES = (Team, TeamMember, TeamApplication, TeamInvitation)


async def snapshot(session: AsyncSession) -> dict[str, Any]:
    """Every row of the teams tables, users' roles and the outbox, to prove nothing changed."""
    state: dict[str, Any] = {}
    for model in TABLES:
        columns = model.__table__.columns
        rows = (await session.execute(select(*columns))).all()
        state[model.__tablename__] = sorted(tuple(map(str, row)) for row in rows)
    state["user_roles"] = sorted(
        (str(i), tuple(r)) for i, r in (await session.execute(select(User.id, User.roles))).all()
    )
    state["outbox"] = (await session.scalars(select(OutboxEvent.type))).all()
    return state


async def events(session: AsyncSession, prefix: str = "team.") -> list[OutboxEvent]:
    stmt = select(OutboxEvent).where(OutboxEvent.type.startswith(prefix)).order_by(OutboxEvent.seq)
    return list((await session.scalars(stmt)).all())


async def event_types(session: AsyncSession) -> list[str]:
    return [event.type for event in await events(session)]


async def roster(session: AsyncSession, team: Team) -> dict[str, str]:
    """``{user_id: role}`` of the team as stored."""
    stmt = select(TeamMember.user_id, TeamMember.role).where(TeamMember.team_id == team.id)
    return {str(user_id): role.value for user_id, role in (await session.execute(stmt)).all()}


async def fresh(session: AsyncSession, model: type[Any], key: Any) -> Any:
    return await session.get(model, key, populate_existing=True)
