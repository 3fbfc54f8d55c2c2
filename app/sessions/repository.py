from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.sessions.models import BrowserSession


class SessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, row: BrowserSession) -> None:
        self.session.add(row)

    async def delete(self, row: BrowserSession) -> None:
        await self.session.delete(row)
        await self.session.flush()

    async def get_by_token_hash(self, token_hash: bytes) -> BrowserSession | None:
        stmt = select(BrowserSession).where(BrowserSession.token_hash == token_hash)
        return await self.session.scalar(stmt)

    async def get_for_update(self, session_id: uuid.UUID) -> BrowserSession | None:
        """Re-read under a row lock: whoever refreshes tokens holds it, so one refresh wins."""
        return await self.session.get(
            BrowserSession, session_id, with_for_update=True, populate_existing=True
        )

    async def get_owned(self, user_id: uuid.UUID, session_id: uuid.UUID) -> BrowserSession | None:
        stmt = select(BrowserSession).where(
            BrowserSession.id == session_id, BrowserSession.user_id == user_id
        )
        return await self.session.scalar(stmt)

    async def list_for_user(self, user_id: uuid.UUID) -> Sequence[BrowserSession]:
        """Bounded by ``SESSION_MAX_PER_USER``; most recently used first."""
        stmt = (
            select(BrowserSession)
            .where(BrowserSession.user_id == user_id)
            .order_by(BrowserSession.last_seen_at.desc(), BrowserSession.id)
        )
        return (await self.session.scalars(stmt)).all()

    async def list_for_provider_logout(
        self, subject: str | None, provider_sid: str | None
    ) -> Sequence[BrowserSession]:
        if subject is None and provider_sid is None:
            raise ValueError("a provider logout names a subject, a session, or both")
        stmt = select(BrowserSession)
        if provider_sid is not None:
            stmt = stmt.where(BrowserSession.provider_sid == provider_sid)
        if subject is not None:
            stmt = stmt.where(BrowserSession.subject == subject)
        return (await self.session.scalars(stmt)).all()
