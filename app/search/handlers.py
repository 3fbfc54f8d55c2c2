"""The ``search-indexer`` worker: every event a source listens to re-reads that one item."""

from __future__ import annotations

from app.container import Container
from app.events import Event
from app.events.worker import Handler, HandlerContext, Worker
from app.search.embedders import Embedder, build_embedder
from app.search.indexer import index
from app.search.sources import sources


def embedder_of(container: Container) -> Embedder | None:
    return build_embedder(container.settings, container.ai_runtime().gateway)


async def reindex_item(ctx: HandlerContext, event: Event) -> None:
    embedder = embedder_of(ctx.services)
    for source in sources().values():
        pick = source.events.get(type(event))
        if pick is not None:
            await index(ctx.session, source.type, [pick(event)], now=ctx.now, embedder=embedder)


def _handlers() -> dict[type[Event], list[Handler]]:
    return {event: [reindex_item] for source in sources().values() for event in source.events}


SEARCH_INDEXER = Worker("search-indexer", _handlers())
