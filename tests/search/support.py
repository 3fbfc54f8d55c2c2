"""Helpers of the search tests: index what the sources hold, as ``prodvor reindex`` would."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.search.embedders import Embedder
from app.search.indexer import Indexed, index, source_batches
from app.search.models import SearchDocument

SEARCH = """
query($query: String!, $types: [SearchType!], $sport: ID, $city: String, $first: Int! = 20) {
  search(query: $query, types: $types, sport: $sport, city: $city, first: $first) {
    type title score relevance highlight
    user { id displayName }
    team { id name }
    playground { id name }
    faqItem { id question }
    rulesDocument { id title }
  }
}
"""


async def index_everything(
    session: AsyncSession, embedder: Embedder | None = None, *only: str
) -> Indexed:
    done = Indexed()
    async for source_type, ids in source_batches(session, only or None):
        done += await index(session, source_type, ids, now=utcnow(), embedder=embedder)
    return done


async def documents(session: AsyncSession, source_type: str) -> list[SearchDocument]:
    stmt = select(SearchDocument).where(SearchDocument.source_type == source_type)
    return list((await session.scalars(stmt.order_by(SearchDocument.title))).all())
