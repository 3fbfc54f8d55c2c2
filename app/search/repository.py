from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import ARRAY, Uuid, any_, bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.search.models import FaqItem, RulesDocument, SearchDocument


class DocumentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_sources(
        self, source_type: str, source_ids: Sequence[uuid.UUID]
    ) -> list[SearchDocument]:
        stmt = select(SearchDocument).where(
            SearchDocument.source_type == source_type,
            SearchDocument.source_id.in_(source_ids),
        )
        return list((await self.session.scalars(stmt)).all())

    async def remove(self, documents: Sequence[SearchDocument]) -> None:
        if documents:
            ids = [document.id for document in documents]
            await self.session.execute(delete(SearchDocument).where(SearchDocument.id.in_(ids)))

    async def remove_source_except(self, source_type: str, keep: Sequence[uuid.UUID]) -> int:
        """Drop the documents of items that no longer exist (a rebuild's last step)."""
        stmt = delete(SearchDocument).where(SearchDocument.source_type == source_type)
        if keep:
            kept = bindparam("keep", list(keep), type_=ARRAY(Uuid))
            stmt = stmt.where(~(SearchDocument.source_id == any_(kept)))
        result = await self.session.execute(stmt)
        return int(getattr(result, "rowcount", 0) or 0)


class FaqRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, item_id: uuid.UUID, *, lock: bool = False) -> FaqItem | None:
        stmt = select(FaqItem).where(FaqItem.id == item_id)
        if lock:
            stmt = stmt.with_for_update()
        return (await self.session.scalars(stmt)).one_or_none()

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[FaqItem]:
        return list((await self.session.scalars(select(FaqItem).where(FaqItem.id.in_(ids)))).all())

    async def by_slug(self, slug: str) -> FaqItem | None:
        return (await self.session.scalars(select(FaqItem).where(FaqItem.slug == slug))).first()

    async def listing(self, *, published_only: bool) -> list[FaqItem]:
        stmt = select(FaqItem).order_by(FaqItem.category, FaqItem.position, FaqItem.id)
        if published_only:
            stmt = stmt.where(FaqItem.published)
        return list((await self.session.scalars(stmt)).all())

    async def ids_after(self, after: uuid.UUID | None, limit: int) -> list[uuid.UUID]:
        stmt = select(FaqItem.id).order_by(FaqItem.id).limit(limit)
        if after is not None:
            stmt = stmt.where(FaqItem.id > after)
        return list((await self.session.scalars(stmt)).all())


class RulesRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, document_id: uuid.UUID, *, lock: bool = False) -> RulesDocument | None:
        stmt = select(RulesDocument).where(RulesDocument.id == document_id)
        if lock:
            stmt = stmt.with_for_update()
        return (await self.session.scalars(stmt)).one_or_none()

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[RulesDocument]:
        stmt = select(RulesDocument).where(RulesDocument.id.in_(ids))
        return list((await self.session.scalars(stmt)).all())

    async def by_slug(self, slug: str) -> RulesDocument | None:
        stmt = select(RulesDocument).where(RulesDocument.slug == slug)
        return (await self.session.scalars(stmt)).first()

    async def listing(self, *, published_only: bool) -> list[RulesDocument]:
        stmt = select(RulesDocument).order_by(RulesDocument.sport_code, RulesDocument.slug)
        if published_only:
            stmt = stmt.where(RulesDocument.published)
        return list((await self.session.scalars(stmt)).all())

    async def ids_after(self, after: uuid.UUID | None, limit: int) -> list[uuid.UUID]:
        stmt = select(RulesDocument.id).order_by(RulesDocument.id).limit(limit)
        if after is not None:
            stmt = stmt.where(RulesDocument.id > after)
        return list((await self.session.scalars(stmt)).all())
