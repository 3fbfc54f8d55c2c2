"""Whole answers to public queries, kept for a few seconds in each replica.

The team, match, tournament and playground pages are the same for everyone who opens them,
and most of their cost is building the answer: ORM rows, then the fields in graphql-core.
The cache keeps the serialized ``data`` of a successful answer, keyed by the document, the
variables and the caller's roles (``cache_policy``), for ``ttl_s`` seconds.

Concurrent requests for an answer being built wait for it instead of building it again, so
an expired or invalidated popular page costs one build, not one per waiting client.

Invalidation is by event, and deliberately coarse: any event of a kind the cached pages can
show drops every entry. Events reach the cache from the hub (every replica hears every
topic) and, for this replica's own mutations, from the committed transaction, so a user who
renames their team sees the new name on the next request. An answer whose execution
overlapped an invalidation is not kept (nor handed to waiters): it may have read the data
from before the change. ``ttl_s`` bounds the rest: a replica that misses an event, and
fields that change with the clock alone.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import GraphQLSchema, GraphQLSyntaxError, parse
from strawberry.types.execution import ExecutionResult

from app.auth.principal import Principal
from app.events.base import registry
from app.events.envelope import Envelope
from app.graphql.cache_policy import UNRELATED_TOPICS, cacheable, invalidates
from app.observability.metrics import GRAPHQL_RESPONSE_CACHE

Key = tuple[object, ...]


@dataclass
class Cacheability:
    """One request's answer may be shared, unless a resolver found it depends on the caller."""

    shared: bool = True

    def per_viewer(self) -> None:
        self.shared = False


@dataclass(frozen=True, slots=True)
class Query:
    """What identifies an answer: the document, its variables, and who asks."""

    text: str
    operation_name: str | None
    variables: dict[str, Any] | None
    principal: Principal | None

    def key(self) -> Key:
        """Callers with the same roles share an answer (permissions are checked by role)."""
        roles = self.principal.roles if self.principal else None
        return (
            tuple(sorted(role.value for role in roles)) if roles is not None else None,
            self.text,
            self.operation_name,
            orjson.dumps(self.variables or {}, option=orjson.OPT_SORT_KEYS),
        )


@dataclass(frozen=True, slots=True)
class _Entry:
    body: bytes
    expires_at: float


@dataclass(frozen=True, slots=True)
class Lookup:
    """One request's view of the cache: its key (once the document is known to be cacheable)
    and the generation it saw."""

    key: Key | None
    generation: int
    known: bool


class ResponseCache:
    def __init__(
        self,
        ttl_s: float,
        max_bytes: int,
        *,
        documents: int = 512,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl_s = ttl_s
        self.max_bytes = max_bytes
        self.documents = documents
        self._now = now
        self._entries: OrderedDict[Key, _Entry] = OrderedDict()
        self._cacheable: OrderedDict[tuple[str, str | None], bool] = OrderedDict()
        self._building: dict[Key, asyncio.Future[bytes | None]] = {}
        self._bytes = 0
        self.generation = 0

    @property
    def enabled(self) -> bool:
        return self.ttl_s > 0

    async def answer(
        self,
        schema: GraphQLSchema,
        query: Query,
        build: Callable[[], Awaitable[ExecutionResult]],
        cacheability: Cacheability,
    ) -> ExecutionResult:
        """The cached answer, one being built by another request, or ``build()``'s."""
        leading = None
        while True:
            lookup = self.lookup(query)
            data = self.get(lookup)
            if data is not None:
                return ExecutionResult(data=data, errors=None)
            if lookup.key is None:
                break  # not known to be cacheable (yet): build, and learn from the answer
            leading = self._lead(lookup)
            if leading is not None:
                GRAPHQL_RESPONSE_CACHE.labels("miss").inc()
                break
            data = await self._wait(lookup)
            if data is not None:
                return ExecutionResult(data=data, errors=None)
            # That build could not be shared (an invalidation overlapped it): try again.
        body = None
        try:
            result = await build()
            if cacheability.shared and _successful(result):
                body = self.put(lookup, schema, query, result.data or {})
            return result
        finally:
            if leading is not None and lookup.key is not None:
                del self._building[lookup.key]
                leading.set_result(body)

    def lookup(self, query: Query) -> Lookup:
        cacheable = self._cacheable.get((query.text, query.operation_name))
        if cacheable is None:
            return Lookup(None, self.generation, known=False)
        return Lookup(query.key() if cacheable else None, self.generation, known=True)

    def get(self, lookup: Lookup) -> dict[str, Any] | None:
        """A fresh copy of the cached ``data``; each caller may change its own."""
        if lookup.key is None:
            return None
        entry = self._entries.get(lookup.key)
        if entry is None or entry.expires_at <= self._now():
            if entry is not None:
                self._drop(lookup.key)
            return None
        self._entries.move_to_end(lookup.key)
        GRAPHQL_RESPONSE_CACHE.labels("hit").inc()
        data: dict[str, Any] = orjson.loads(entry.body)
        return data

    def put(
        self, lookup: Lookup, schema: GraphQLSchema, query: Query, data: dict[str, Any]
    ) -> bytes | None:
        """Keep a successful shared answer, unless an invalidation happened while it was built;
        returns what was kept."""
        if lookup.generation != self.generation:
            return None
        key = lookup.key
        if not lookup.known and self._learn(schema, query):
            key = query.key()
        if key is None:
            return None
        body = orjson.dumps(data)
        if len(body) > self.max_bytes // 8:
            return None
        self._drop(key)
        self._entries[key] = _Entry(body, self._now() + self.ttl_s)
        self._bytes += len(body)
        while self._bytes > self.max_bytes:
            self._drop(next(iter(self._entries)))
        return body

    @staticmethod
    def topics() -> frozenset[str]:
        """The topics whose events invalidate the cache."""
        return registry.topics() - UNRELATED_TOPICS

    def invalidate(self, events: Iterable[tuple[str, str]]) -> None:
        """Drop every entry if any of the (topic, type) events can change a cached page."""
        if any(invalidates(topic, event_type) for topic, event_type in events):
            self.generation += 1
            self._entries.clear()
            self._bytes = 0

    def observe(self, envelope: Envelope) -> None:
        """A hub listener: an event from any replica."""
        self.invalidate(((envelope.topic, envelope.type),))

    async def _wait(self, lookup: Lookup) -> dict[str, Any] | None:
        """The answer another request is building for the same key, if it could be shared."""
        body = await asyncio.shield(self._building[lookup.key])  # type: ignore[index]
        if body is None:
            return None
        GRAPHQL_RESPONSE_CACHE.labels("coalesced").inc()
        data: dict[str, Any] = orjson.loads(body)
        return data

    def _lead(self, lookup: Lookup) -> asyncio.Future[bytes | None] | None:
        if lookup.key is None or lookup.key in self._building:
            return None
        future = self._building[lookup.key] = asyncio.get_running_loop().create_future()
        return future

    def _learn(self, schema: GraphQLSchema, query: Query) -> bool:
        try:
            known = cacheable(schema, parse(query.text), query.operation_name)
        except GraphQLSyntaxError:
            known = False
        self._cacheable[(query.text, query.operation_name)] = known
        if len(self._cacheable) > self.documents:
            self._cacheable.popitem(last=False)
        return known

    def _drop(self, key: Key) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= len(entry.body)

    def __len__(self) -> int:
        return len(self._entries)


def _successful(result: ExecutionResult) -> bool:
    return result.data is not None and not result.errors and not result.extensions
