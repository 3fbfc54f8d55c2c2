from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.notifications.models import Notification
from app.notifications.repository import NotificationRepository


async def load_notifications_by_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[Notification | None]:
    found = {n.id: n for n in await NotificationRepository(session).get_many(keys)}
    return [found.get(key) for key in keys]
