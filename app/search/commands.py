"""``prodvor reindex`` and ``prodvor search-eval``: the work behind the two commands."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from app.ai.runtime import AiRuntime
from app.db import Database, utcnow
from app.search import evaluation, indexer
from app.search.embedders import build_embedder
from app.search.indexer import Indexed
from app.search.retrieval import Leg
from app.search.seed import seed_library
from app.settings import Settings

BATCH = 100
Progress = Callable[[str, int, int], None]
"""Told ``(source, done, total)`` after every batch."""


async def reindex(
    db: Database, settings: Settings, only: Sequence[str] | None, progress: Progress
) -> dict[str, Indexed]:
    """Rebuild every (or each named) source: one transaction per batch of items."""
    ai = AiRuntime.from_settings(settings)
    embedder = build_embedder(settings, ai.gateway)
    try:
        ids: defaultdict[str, list[uuid.UUID]] = defaultdict(list)
        async with db.transaction() as session:
            async for source_type, batch in indexer.source_batches(session, only):
                ids[source_type] += batch
        totals: dict[str, Indexed] = {}
        for source_type, every in ids.items():
            totals[source_type] = Indexed()
            for start in range(0, len(every), BATCH):
                async with db.transaction() as session:
                    done = await indexer.index(
                        session,
                        source_type,
                        every[start : start + BATCH],
                        now=utcnow(),
                        embedder=embedder,
                    )
                totals[source_type] += done
                progress(source_type, min(start + BATCH, len(every)), len(every))
            async with db.transaction() as session:
                removed = await indexer.prune(session, source_type, every)
            totals[source_type] += Indexed(removed=removed)
        return totals
    finally:
        await ai.aclose()


async def search_eval(db: Database, settings: Settings, queries: Path) -> list[evaluation.Scores]:
    """Seed and index the FAQ and the rules library, then score each mode on the set."""
    labelled = evaluation.load(queries)
    async with db.transaction() as session:
        await seed_library(session)
    await reindex(db, settings, ["FAQ", "RULES"], lambda *_: None)
    ai = AiRuntime.from_settings(settings)
    try:
        built = build_embedder(settings, ai.gateway)
        embedder = await evaluation.Remembered.of(built, labelled) if built else None
        modes = [m for m in evaluation.MODES if embedder or Leg.VECTOR not in evaluation.MODES[m]]
        async with db.transaction() as session:
            return [
                await evaluation.evaluate(
                    session, labelled, mode=mode, settings=settings.search, embedder=embedder
                )
                for mode in modes
            ]
    finally:
        await ai.aclose()
