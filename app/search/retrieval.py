"""The hybrid query: full text, trigrams and vectors, fused by reciprocal rank, in one statement.

Each leg ranks at most ``leg_limit`` chunks that pass the filters; a chunk's fused score is
the sum over the legs that found it of ``weight / (rrf_k + rank)``. Filters and visibility are in
every leg's ``WHERE``, so nothing the caller may not see is ranked, let alone returned.
Full text uses an OR of the query's Russian stems (questions are rarely all-terms matches);
the trigram leg finds typos in titles through ``<%`` (word similarity, GIN-indexed); the vector leg
walks the HNSW index (iterative scan, so filters do not starve it) among the chunks embedded
by the query's embedder.

``relevance`` is an absolute measure for answering, unlike the rank-based score: the greatest
of the share of the query's stems the chunk contains, the title's trigram similarity to the
query, and the cosine similarity.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.search.models import Visibility


class Leg(StrEnum):
    FULL_TEXT = "FULL_TEXT"
    TRIGRAM = "TRIGRAM"
    VECTOR = "VECTOR"


LEXICAL = frozenset({Leg.FULL_TEXT, Leg.TRIGRAM})
HYBRID = frozenset(Leg)


@dataclass(frozen=True)
class Query:
    text: str
    limit: int
    vector: list[float] | None = None
    embedder: str | None = None
    types: Sequence[str] | None = None
    sport_ids: Sequence[uuid.UUID] | None = None
    city: str | None = None
    visibilities: Sequence[Visibility] = (Visibility.PUBLIC,)
    legs: frozenset[Leg] = HYBRID
    per_source: bool = True
    """One hit per source item (its best chunk), as the search page wants; else chunks."""


@dataclass(frozen=True)
class Tuning:
    rrf_k: int = 60
    leg_limit: int = 50
    trigram_threshold: float = 0.3
    ef_search: int = 100
    weights: Mapping[Leg, float] = field(default_factory=dict)
    """A leg's weight in the fusion (1 unless given)."""


@dataclass(frozen=True)
class Hit:
    document_id: uuid.UUID
    source_type: str
    source_id: uuid.UUID
    chunk_no: int
    title: str
    body: str
    score: float
    relevance: float
    highlight: str
    meta: dict[str, object] = field(default_factory=dict)


FILTERS = {
    "visibility": "d.visibility = ANY(:visibilities)",
    "types": "d.source_type = ANY(:types)",
    "sport_ids": "d.sport_ids && CAST(:sport_ids AS uuid[])",
    "city": "lower(d.city) = lower(:city)",
}

LEGS = {
    Leg.FULL_TEXT: """
    SELECT d.id, row_number() OVER (
        ORDER BY ts_rank_cd(d.search_vector, {loose}) DESC, d.id) AS rank
    FROM search_documents d
    WHERE d.search_vector @@ {loose} AND {where}
    ORDER BY rank LIMIT :leg_limit""",
    Leg.TRIGRAM: """
    SELECT d.id, row_number() OVER (
        ORDER BY word_similarity(lower(:text), d.search_title) DESC, d.id) AS rank
    FROM search_documents d
    WHERE lower(:text) <% d.search_title AND {where}
    ORDER BY rank LIMIT :leg_limit""",
    Leg.VECTOR: """
    SELECT n.id, row_number() OVER (ORDER BY n.distance, n.id) AS rank
    FROM (
        SELECT d.id, d.embedding <=> CAST(:vector AS vector) AS distance
        FROM search_documents d
        WHERE d.embedder = :embedder AND {where}
        ORDER BY d.embedding <=> CAST(:vector AS vector) LIMIT :leg_limit
    ) n""",
}

QUERY = """
WITH q AS MATERIALIZED (
    SELECT lower(:text) AS lowered, to_tsvector('russian', :text) AS stems, {loose} AS loose
),
{legs},
fused AS (
    SELECT id, sum(weight / (:rrf_k + rank)) AS score FROM ({union}) legs GROUP BY id
),
ranked AS (
    SELECT {distinct} d.id, d.source_type, d.source_id, d.chunk_no, d.title, d.body,
           d.metadata, d.search_vector, d.embedding, d.embedder, f.score
    FROM fused f JOIN search_documents d ON d.id = f.id
    ORDER BY {order}
),
top AS (SELECT * FROM ranked ORDER BY score DESC, id LIMIT :limit)
SELECT t.id, t.source_type, t.source_id, t.chunk_no, t.title, t.body, t.metadata,
       t.score::float8 AS score,
       greatest(
           coalesce((
               SELECT count(*) FILTER (WHERE t.search_vector @@ quote_literal(l)::tsquery)::float8
                      / nullif(count(*), 0)
               FROM unnest(tsvector_to_array(q.stems)) AS l
           ), 0),
           similarity(q.lowered, lower(t.title)),
           {cosine}
       ) AS relevance,
       ts_headline('russian', t.body, q.loose,
                   'MaxWords=25, MinWords=8, MaxFragments=2, StartSel=**, StopSel=**')
           AS highlight
FROM top t, q
ORDER BY t.score DESC, t.id
"""

LOOSE = "replace(plainto_tsquery('russian', :text)::text, ' & ', ' | ')::tsquery"
"""Any of the query's stems (an OR query; empty, matching nothing, for stop words alone),
folded to a constant when the statement is planned, so the GIN index is used."""
COSINE = (
    "CASE WHEN t.embedder = :embedder THEN 1 - (t.embedding <=> CAST(:vector AS vector)) ELSE 0 END"
)


def _where(query: Query) -> tuple[str, dict[str, object]]:
    clauses = [FILTERS["visibility"]]
    params: dict[str, object] = {"visibilities": [v.value for v in query.visibilities]}
    if query.types:
        clauses.append(FILTERS["types"])
        params["types"] = list(query.types)
    if query.sport_ids is not None:
        clauses.append(FILTERS["sport_ids"])
        params["sport_ids"] = list(query.sport_ids)
    if query.city:
        clauses.append(FILTERS["city"])
        params["city"] = query.city.strip()
    return " AND ".join(clauses), params


def _legs(query: Query) -> list[Leg]:
    wanted = [leg for leg in Leg if leg in query.legs]
    if query.vector is None:
        wanted = [leg for leg in wanted if leg is not Leg.VECTOR]
    return wanted


def statement(query: Query) -> tuple[str, dict[str, object]] | None:
    legs = _legs(query)
    if not legs:
        return None
    where, params = _where(query)
    ctes = ",\n".join(
        f"{leg.value.lower()} AS ({LEGS[leg].format(where=where, loose=LOOSE)})" for leg in legs
    )
    union = " UNION ALL ".join(
        f"SELECT id, rank, CAST(:weight_{leg.value.lower()} AS float8) AS weight "
        f"FROM {leg.value.lower()}"
        for leg in legs
    )
    sql = QUERY.format(
        loose=LOOSE,
        legs=ctes,
        union=union,
        distinct="DISTINCT ON (d.source_type, d.source_id)" if query.per_source else "",
        order="d.source_type, d.source_id, f.score DESC, d.id"
        if query.per_source
        else "f.score DESC, d.id",
        cosine=COSINE if query.vector is not None else "0",
    )
    params |= {"text": query.text, "limit": query.limit}
    if query.vector is not None:
        params |= {"vector": _vector_literal(query.vector), "embedder": query.embedder}
    return sql, params


def _vector_literal(vector: Sequence[float]) -> str:
    return "[" + ",".join(repr(float(x)) for x in vector) + "]"


async def retrieve(session: AsyncSession, query: Query, tuning: Tuning) -> list[Hit]:
    built = statement(query)
    if built is None or not query.text.strip():
        return []
    sql, params = built
    await session.execute(
        text(
            "SELECT set_config('pg_trgm.word_similarity_threshold', :threshold, true), "
            "set_config('hnsw.ef_search', :ef, true), "
            "set_config('hnsw.iterative_scan', 'relaxed_order', true)"
        ),
        {"threshold": str(tuning.trigram_threshold), "ef": str(tuning.ef_search)},
    )
    params |= {
        "rrf_k": tuning.rrf_k,
        "leg_limit": tuning.leg_limit,
    }
    params |= {f"weight_{leg.value.lower()}": tuning.weights.get(leg, 1.0) for leg in Leg}
    stmt = text(sql)
    if "sport_ids" in params:
        stmt = stmt.bindparams(bindparam("sport_ids"))
    rows = (await session.execute(stmt, params)).mappings().all()
    return [
        Hit(
            document_id=row["id"],
            source_type=row["source_type"],
            source_id=row["source_id"],
            chunk_no=row["chunk_no"],
            title=row["title"],
            body=row["body"],
            score=float(row["score"]),
            relevance=float(row["relevance"]),
            highlight=row["highlight"],
            meta=dict(row["metadata"] or {}),
        )
        for row in rows
    ]
