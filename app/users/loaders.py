from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.users.models import User
from app.users.repository import UserRepository


async def load_users_by_id(session: AsyncSession, keys: Sequence[uuid.UUID]) -> list[User | None]:
    users = {user.id: user for user in await UserRepository(session).get_many(keys)}
    return [users.get(key) for key in keys]
