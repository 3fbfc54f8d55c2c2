from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.users.models import User
from tests.authz.matrix import Actor, Case, Cast, Outcome, everyone_signed_in


async def owner_profile(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"id": str(cast.owner.id)}


async def banned_owner_profile(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    cast.owner.banned_until = datetime.now(UTC) + timedelta(days=1)
    await session.flush()
    return {"id": str(cast.owner.id)}


async def display_names(session: AsyncSession, cast: Cast) -> object:
    return (await session.scalars(select(User.display_name).order_by(User.id))).all()


CASES = [
    Case("Query.me", "query { me { id } }", everyone_signed_in()),
    Case(
        "Query.user",
        "query($id: ID!) { user(id: $id) { id email } }",
        everyone_signed_in(),
        arrange=owner_profile,
    ),
    Case(
        "Query.user",
        "query($id: ID!) { user(id: $id) { id } }",
        {
            Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
            Actor.STRANGER: Outcome.HIDDEN,
            Actor.OWNER: Outcome.FORBIDDEN,
            Actor.MODERATOR: Outcome.ALLOWED,
        },
        arrange=banned_owner_profile,
        name="banned",
    ),
    Case("Query.users", "query { users(first: 5) { nodes { id } } }", everyone_signed_in()),
    Case(
        "Mutation.updateProfile",
        'mutation { updateProfile(input: {displayName: "Новое имя"}) { __typename } }',
        everyone_signed_in(),
        snapshot=display_names,
    ),
]
