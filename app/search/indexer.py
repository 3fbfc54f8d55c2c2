"""Keeping ``search_documents`` equal to what the sources say, embedding only what changed.

``index`` is the one write path, used by the worker (a few ids per event) and by
``prodvor reindex`` (every id, in batches). An item a source does not return any more loses
its documents; a chunk whose content hash and embedder are unchanged is left alone, so it is
never embedded twice.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.search.chunking import chunks
from app.search.embedders import Embedder
from app.search.models import SearchDocument
from app.search.repository import DocumentRepository
from app.search.sources import SourceItem, get, sources


@dataclass(frozen=True)
class Indexed:
    written: int = 0
    """Chunks inserted or changed."""
    embedded: int = 0
    removed: int = 0

    def __add__(self, other: Indexed) -> Indexed:
        return Indexed(
            self.written + other.written,
            self.embedded + other.embedded,
            self.removed + other.removed,
        )


@dataclass(frozen=True)
class _Chunk:
    item: SourceItem
    chunk_no: int
    body: str
    content_hash: str


def _chunks(item: SourceItem) -> list[_Chunk]:
    out = []
    for number, body in enumerate(chunks(item.body)):
        facts = [
            item.title,
            body,
            sorted(map(str, item.sport_ids)),
            item.city,
            item.visibility.value,
            dict(item.meta),
        ]
        digest = hashlib.sha256(json.dumps(facts, ensure_ascii=False, default=str).encode())
        out.append(_Chunk(item, number, body, digest.hexdigest()))
    return out


async def index(
    session: AsyncSession,
    source_type: str,
    ids: Sequence[uuid.UUID],
    *,
    now: datetime,
    embedder: Embedder | None,
) -> Indexed:
    ids = list(dict.fromkeys(ids))
    if not ids:
        return Indexed()
    items = await get(source_type).load(session, ids, now)
    repo = DocumentRepository(session)
    existing = {(d.source_id, d.chunk_no): d for d in await repo.of_sources(source_type, ids)}
    wanted = [chunk for item in items for chunk in _chunks(item)]
    stale = [doc for key, doc in existing.items() if key not in _keys(wanted)]
    await repo.remove(stale)
    changed = [c for c in wanted if _needs_write(existing.get(_key(c)), c, embedder)]
    documents = [_write(existing.get(_key(c)), source_type, c, now) for c in changed]
    for document in documents:
        session.add(document)
    embedded = await _embed(documents, embedder)
    await session.flush()
    return Indexed(len(documents), embedded, len(stale))


def _key(chunk: _Chunk) -> tuple[uuid.UUID, int]:
    return chunk.item.source_id, chunk.chunk_no


def _keys(wanted: list[_Chunk]) -> set[tuple[uuid.UUID, int]]:
    return {_key(chunk) for chunk in wanted}


def _needs_write(found: SearchDocument | None, chunk: _Chunk, embedder: Embedder | None) -> bool:
    if found is None or found.content_hash != chunk.content_hash:
        return True
    return embedder is not None and found.embedder != embedder.name


def _write(
    found: SearchDocument | None, source_type: str, chunk: _Chunk, now: datetime
) -> SearchDocument:
    document = found or SearchDocument(
        source_type=source_type, source_id=chunk.item.source_id, chunk_no=chunk.chunk_no
    )
    if found is None or found.content_hash != chunk.content_hash:
        document.embedding, document.embedder = None, None
    item = chunk.item
    document.title = item.title[:300]
    document.body = chunk.body
    document.sport_ids = list(item.sport_ids)
    document.city = item.city
    document.visibility = item.visibility
    document.meta = dict(item.meta)
    document.content_hash = chunk.content_hash
    document.indexed_at = now
    return document


async def _embed(documents: list[SearchDocument], embedder: Embedder | None) -> int:
    todo = [d for d in documents if embedder is not None and d.embedder != embedder.name]
    if embedder is None or not todo:
        return 0
    vectors = await embedder.embed_documents([f"{d.title}\n{d.body}" for d in todo])
    for document, vector in zip(todo, vectors, strict=True):
        document.embedding, document.embedder = vector, embedder.name
    return len(todo)


async def source_batches(
    session: AsyncSession, only: Sequence[str] | None = None
) -> AsyncIterator[tuple[str, list[uuid.UUID]]]:
    """Every id of every (or each named) source, in batches, for a rebuild."""
    for source_type, source in sources().items():
        if only and source_type not in only:
            continue
        async for batch in source.list_ids(session):
            yield source_type, batch


async def prune(session: AsyncSession, source_type: str, keep: Sequence[uuid.UUID]) -> int:
    return await DocumentRepository(session).remove_source_except(source_type, keep)
