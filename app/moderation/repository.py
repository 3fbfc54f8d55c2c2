from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.moderation.models import ModerationLogEntry, ReportStatus, UserReport
from app.pagination import Page, PageRequest, SortKey, build_page, keyset

OLDEST_FIRST = (SortKey(UserReport.created_at, datetime), SortKey(UserReport.id, uuid.UUID))
NEWEST_FIRST = (
    SortKey(ModerationLogEntry.created_at, datetime, descending=True),
    SortKey(ModerationLogEntry.id, uuid.UUID, descending=True),
)


class ModerationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def pending_report(
        self, reporter_id: uuid.UUID, reported_user_id: uuid.UUID
    ) -> UserReport | None:
        stmt = select(UserReport).where(
            UserReport.reporter_id == reporter_id,
            UserReport.reported_user_id == reported_user_id,
            UserReport.status == ReportStatus.PENDING,
        )
        return await self.session.scalar(stmt)

    async def add(self, row: UserReport | ModerationLogEntry) -> None:
        self.session.add(row)
        await self.session.flush()

    async def report_for_update(self, report_id: uuid.UUID) -> UserReport | None:
        return await self.session.get(
            UserReport, report_id, with_for_update=True, populate_existing=True
        )

    async def queue(self, status: ReportStatus, request: PageRequest) -> Page[UserReport]:
        """Oldest first: the queue is worked from its front."""
        stmt = select(UserReport).where(UserReport.status == status)
        rows = (await self.session.scalars(keyset(stmt, OLDEST_FIRST, request))).all()
        return build_page(rows, request, lambda r: (r.created_at, r.id))

    async def log(
        self, target_user_id: uuid.UUID | None, request: PageRequest
    ) -> Page[ModerationLogEntry]:
        stmt = select(ModerationLogEntry)
        if target_user_id is not None:
            stmt = stmt.where(ModerationLogEntry.target_user_id == target_user_id)
        rows = (await self.session.scalars(keyset(stmt, NEWEST_FIRST, request))).all()
        return build_page(rows, request, lambda e: (e.created_at, e.id))
