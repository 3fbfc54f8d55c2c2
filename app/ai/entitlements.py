"""Whether a user holds a PRO entitlement: a hook the economy domain implements.

The AI domain cannot know about the store and its entitlements (another domain), so it asks
through ``pro_status``. Until the economy registers its reader nobody is PRO, and PRO users
get the FREE tier's limits. The economy registers, e.g. in its service module::

    from app.ai.entitlements import pro_status
    pro_status.use(has_active_pro)  # async (session, user_id, *, now) -> bool
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from datetime import datetime
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession


class ProReader(Protocol):
    def __call__(
        self, session: AsyncSession, user_id: uuid.UUID, *, now: datetime
    ) -> Awaitable[bool]: ...


async def nobody_is_pro(session: AsyncSession, user_id: uuid.UUID, *, now: datetime) -> bool:
    return False


class ProStatus:
    def __init__(self) -> None:
        self._reader: ProReader = nobody_is_pro

    def use(self, reader: ProReader) -> ProReader:
        """Install ``reader``; returns the one it replaces (tests put it back)."""
        previous, self._reader = self._reader, reader
        return previous

    async def has_pro(self, session: AsyncSession, user_id: uuid.UUID, *, now: datetime) -> bool:
        return await self._reader(session, user_id, now=now)


pro_status = ProStatus()
