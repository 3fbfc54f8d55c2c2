"""Keyword-only factories: ``create_<model>(session, *, ...)``."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Identity
from app.auth.roles import Role
from app.users import service as users
from app.users.models import User

_sequence = itertools.count(1)


async def create_user(
    session: AsyncSession,
    *,
    username: str | None = None,
    name: str | None = None,
    roles: Iterable[Role] = (Role.PLAYER,),
    **profile: object,
) -> User:
    """A user exactly as first sight of their token would create them, plus profile fields."""
    n = next(_sequence)
    username = username or f"user{n}"
    identity = Identity(
        subject=f"test-{username}-{n}",
        username=username,
        email=f"{username}@example.test",
        name=name or f"Игрок {n}",
        roles=frozenset(roles),
    )
    user = await users.provision(session, identity)
    for key, value in profile.items():
        setattr(user, key, value)
    await session.flush()
    return user
