"""Retrieval quality on a labelled query set: hit@1, hit@5 and MRR per ranking mode.

A query is labelled with the documents that answer it (``FAQ:slug``, ``RULES:slug``); a hit
at rank k is the first result among them. Modes: each leg alone (full text, trigrams,
vectors), the two lexical legs fused, and the hybrid fusion of all three.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from app.search.embedders import Embedder
from app.search.retrieval import HYBRID, LEXICAL, Hit, Leg
from app.search.service import search
from app.search.sources import INDEXER
from app.settings import SearchSettings

MODES: dict[str, frozenset[Leg]] = {
    "full-text": frozenset({Leg.FULL_TEXT}),
    "trigram": frozenset({Leg.TRIGRAM}),
    "lexical": LEXICAL,
    "vector": frozenset({Leg.VECTOR}),
    "hybrid": HYBRID,
}
DEPTH = 10


@dataclass(frozen=True)
class Labelled:
    query: str
    expected: frozenset[str]


@dataclass(frozen=True)
class Scores:
    mode: str
    queries: int
    hit_at_1: float
    hit_at_5: float
    mrr: float
    misses: tuple[str, ...]
    """Queries with no expected document in the first five."""


def load(path: Path) -> list[Labelled]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [Labelled(row["query"], frozenset(row["expected"])) for row in rows]


class Remembered:
    """The set's query vectors, embedded in one batch and reused by every mode."""

    def __init__(self, name: str, vectors: dict[str, list[float]]) -> None:
        self.name = name
        self.vectors = vectors

    @classmethod
    async def of(cls, embedder: Embedder, labelled: Sequence[Labelled]) -> Remembered:
        texts = sorted({item.query for item in labelled})
        return cls(
            embedder.name, dict(zip(texts, await embedder.embed_queries(texts), strict=True))
        )

    async def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return [self.vectors[text] for text in texts]

    async def embed_query(self, text: str) -> list[float]:
        return self.vectors[text]

    async def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return [self.vectors[text] for text in texts]


def key(hit: Hit) -> str:
    return f"{hit.source_type}:{hit.meta.get('slug', hit.source_id)}"


async def evaluate(
    session: AsyncSession,
    labelled: Sequence[Labelled],
    *,
    mode: str,
    settings: SearchSettings,
    embedder: Embedder | None,
) -> Scores:
    ranks: list[int | None] = []
    for item in labelled:
        hits = await search(
            session,
            INDEXER,
            item.query,
            types=["FAQ", "RULES"],
            sport_id=None,
            city=None,
            first=DEPTH,
            settings=settings,
            embedder=embedder,
            legs=MODES[mode],
        )
        found = [rank for rank, hit in enumerate(hits, 1) if key(hit) in item.expected]
        ranks.append(found[0] if found else None)
    total = max(1, len(labelled))
    return Scores(
        mode=mode,
        queries=len(labelled),
        hit_at_1=sum(1 for r in ranks if r == 1) / total,
        hit_at_5=sum(1 for r in ranks if r is not None and r <= 5) / total,
        mrr=sum(1 / r for r in ranks if r is not None) / total,
        misses=tuple(i.query for i, r in zip(labelled, ranks, strict=True) if not r or r > 5),
    )
