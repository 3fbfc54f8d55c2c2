"""What can be found, as small registered adapters: one module per source type.

A source says how to load the current, visible text of its items by id (anything it does
not return is removed from the index: deleted, rejected, private), how to list every id for
a rebuild, and which domain events change which item. The indexer and ``prodvor reindex``
know nothing else about them. Adding tournaments is one module here that calls ``register``.
"""

from __future__ import annotations

import builtins
import importlib
import pkgutil
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.events import Event
from app.search.models import Visibility

INDEXER = Principal(user_id=uuid.UUID(int=0), subject="system:search-indexer", roles=frozenset())
"""Lists what any signed-in user may see: the audience of public documents."""
PAGE = 100


@dataclass(frozen=True)
class SourceItem:
    """One item's searchable text; ``body`` is chunked when long."""

    source_id: uuid.UUID
    title: str
    body: str
    sport_ids: Sequence[uuid.UUID] = ()
    city: str | None = None
    visibility: Visibility = Visibility.PUBLIC
    meta: Mapping[str, Any] = field(default_factory=dict)


Loader = Callable[[AsyncSession, Sequence[uuid.UUID], datetime], Awaitable[list[SourceItem]]]
Lister = Callable[[AsyncSession], AsyncIterator[list[uuid.UUID]]]


@dataclass(frozen=True)
class Source:
    type: str
    load: Loader
    """The visible items among the ids; the others are removed from the index."""
    list_ids: Lister
    """Every id worth indexing, in batches (for ``prodvor reindex``)."""
    events: Mapping[builtins.type[Event], Callable[[Any], uuid.UUID]]
    """The events that change an item, and how to find the item's id in each."""


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    if source.type in _SOURCES:
        raise ValueError(f"search source {source.type} is declared twice")
    _SOURCES[source.type] = source
    return source


def sources() -> dict[str, Source]:
    from app.search import sources as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return dict(sorted(_SOURCES.items()))


def get(source_type: str) -> Source:
    return sources()[source_type]
