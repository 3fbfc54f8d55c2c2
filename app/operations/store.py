"""The persisted documents this process knows: the manifest, plus rows read from the table.

A document's id is the sha256 of its text, so an entry can never go stale and the cache only
ever holds registered documents (its size is bounded by what was registered).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from app.operations import service
from app.operations.service import PersistedDocument


class PersistedStore:
    def __init__(self, documents: Iterable[PersistedDocument] = ()) -> None:
        self._documents = {document.id: document.document for document in documents}

    def cached(self, operation_id: str) -> str | None:
        return self._documents.get(operation_id)

    async def get(self, session: AsyncSession, operation_id: str) -> str | None:
        document = self._documents.get(operation_id)
        if document is None:
            document = await service.find(session, operation_id)
            if document is not None:
                self._documents[operation_id] = document
        return document
