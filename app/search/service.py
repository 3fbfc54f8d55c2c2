"""Search for the search page, and retrieval for the FAQ bot and the rules expert."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.errors import AiFailedError, AiUnavailableError
from app.auth.principal import Principal
from app.search.embedders import Embedder
from app.search.models import Visibility
from app.search.retrieval import HYBRID, Hit, Leg, Query, Tuning, retrieve
from app.settings import SearchSettings
from app.sports import service as sports

log = structlog.get_logger(__name__)

MAX_QUERY_CHARS = 200


def tuning(settings: SearchSettings) -> Tuning:
    return Tuning(
        rrf_k=settings.rrf_k,
        leg_limit=settings.leg_limit,
        trigram_threshold=settings.trigram_threshold,
        ef_search=settings.ef_search,
        weights={Leg.VECTOR: settings.vector_weight},
    )


def visibilities(viewer: Principal) -> tuple[Visibility, ...]:
    if viewer.is_staff:
        return Visibility.PUBLIC, Visibility.STAFF
    return (Visibility.PUBLIC,)


async def query_vector(embedder: Embedder | None, text: str) -> list[float] | None:
    """The query's embedding; when the embedder fails, search goes on without its vector leg."""
    if embedder is None:
        return None
    try:
        return await embedder.embed_query(text)
    except (AiFailedError, AiUnavailableError) as failed:
        log.warning("search.embed_failed", error=type(failed).__name__)
        return None


async def search(
    session: AsyncSession,
    viewer: Principal,
    text: str,
    *,
    types: Sequence[str] | None,
    sport_id: uuid.UUID | None,
    city: str | None,
    first: int,
    settings: SearchSettings,
    embedder: Embedder | None,
    legs: frozenset[Leg] = HYBRID,
    per_source: bool = True,
) -> list[Hit]:
    """The best hits the viewer may see; a sport also matches its sub-disciplines."""
    text = " ".join(text.split())[:MAX_QUERY_CHARS]
    if not text:
        return []
    sport_ids = await sports.discipline_ids(session, sport_id) if sport_id else None
    vector = await query_vector(embedder, text) if Leg.VECTOR in legs else None
    query = Query(
        text=text,
        limit=first,
        vector=vector,
        embedder=embedder.name if embedder and vector else None,
        types=types,
        sport_ids=sport_ids,
        city=city,
        visibilities=visibilities(viewer),
        legs=legs,
        per_source=per_source,
    )
    return await retrieve(session, query, tuning(settings))


async def passages(
    session: AsyncSession,
    viewer: Principal,
    question: str,
    *,
    source_type: str,
    sport_id: uuid.UUID | None,
    settings: SearchSettings,
    embedder: Embedder | None,
) -> list[Hit]:
    """The chunks an answer may rest on: those whose relevance reaches the threshold."""
    hits = await search(
        session,
        viewer,
        question,
        types=[source_type],
        sport_id=sport_id,
        city=None,
        first=settings.answer_chunks,
        settings=settings,
        embedder=embedder,
        per_source=False,
    )
    return [hit for hit in hits if hit.relevance >= settings.min_relevance]
