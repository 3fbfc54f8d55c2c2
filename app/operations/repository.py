from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.operations.models import PersistedOperation


class PersistedOperationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def document(self, operation_id: str) -> str | None:
        return await self.session.scalar(
            select(PersistedOperation.document).where(PersistedOperation.id == operation_id)
        )

    async def insert_missing(self, rows: Sequence[dict[str, str | None]]) -> int:
        """Insert the rows whose id is new; returns how many were inserted."""
        if not rows:
            return 0
        stmt = insert(PersistedOperation).values(list(rows)).on_conflict_do_nothing()
        result = await self.session.execute(stmt.returning(PersistedOperation.id))
        return len(result.all())
