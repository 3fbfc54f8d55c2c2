from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.notifications.service import Notice
from app.users import service as users

Trigger = Callable[[AsyncSession, Any], Awaitable[list[Notice]]]
"""``trigger(session, event)``: the notices an event causes (none is fine)."""

UNKNOWN_USER = "Игрок"


async def name_of(session: AsyncSession, user_id: uuid.UUID) -> str:
    found = await users.users_by_id(session, [user_id])
    return found[user_id].display_name if user_id in found else UNKNOWN_USER
