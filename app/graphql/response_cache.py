"""Whole answers to public queries, kept for a few seconds in each replica.

The team, match, tournament and playground pages are the same for everyone who opens them,
and most of their cost is building the answer: ORM rows, then about 2.5 µs per field in
graphql-core. The cache keeps the serialized ``data`` of a successful answer, keyed by the
document, the variables and who may see it (``cache_policy``), for ``ttl_s`` seconds.

Invalidation is by event, and deliberately coarse: any event of a topic the cached pages can
show drops every entry. Events reach the cache from the hub (every replica hears every
topic) and, for this replica's own mutations, from the committed transaction, so a user who
renames their team sees the new name on the next request. An answer whose execution
overlapped an invalidation is not kept: it may have read the data from before the change.
``ttl_s`` bounds the rest: a replica that misses an event, and fields that change with the
clock alone.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import GraphQLSchema, GraphQLSyntaxError, parse

from app.auth.principal import Principal
from app.events.base import registry
from app.events.envelope import Envelope
from app.graphql.cache_policy import UNRELATED_TOPICS, Scope, scope_of
from app.observability.metrics import GRAPHQL_RESPONSE_CACHE

Key = tuple[object, ...]
_UNKNOWN = object()


@dataclass(frozen=True, slots=True)
class _Entry:
    body: bytes
    expires_at: float


@dataclass(frozen=True, slots=True)
class Lookup:
    """One request's view of the cache: its key (if cacheable) and the generation it saw."""

    key: Key | None
    generation: int
    scope_known: bool


class ResponseCache:
    def __init__(
        self,
        ttl_s: float,
        max_bytes: int,
        *,
        plan_size: int = 512,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl_s = ttl_s
        self.max_bytes = max_bytes
        self.plan_size = plan_size
        self._now = now
        self._entries: OrderedDict[Key, _Entry] = OrderedDict()
        self._scopes: OrderedDict[tuple[str, str | None], Scope | None] = OrderedDict()
        self._bytes = 0
        self.generation = 0

    @property
    def enabled(self) -> bool:
        return self.ttl_s > 0

    def lookup(
        self,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        principal: Principal | None,
    ) -> Lookup:
        scope = self._scopes.get((query, operation_name), _UNKNOWN)
        if scope is _UNKNOWN:
            return Lookup(None, self.generation, scope_known=False)
        key = _key(scope, query, operation_name, variables, principal)  # type: ignore[arg-type]
        return Lookup(key, self.generation, scope_known=True)

    def get(self, lookup: Lookup) -> dict[str, Any] | None:
        """A fresh copy of the cached ``data``; each caller may change its own."""
        if lookup.key is None:
            return None
        entry = self._entries.get(lookup.key)
        if entry is None or entry.expires_at <= self._now():
            if entry is not None:
                self._drop(lookup.key)
            GRAPHQL_RESPONSE_CACHE.labels("miss").inc()
            return None
        self._entries.move_to_end(lookup.key)
        GRAPHQL_RESPONSE_CACHE.labels("hit").inc()
        data: dict[str, Any] = orjson.loads(entry.body)
        return data

    def put(
        self,
        lookup: Lookup,
        schema: GraphQLSchema,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        principal: Principal | None,
        data: dict[str, Any],
    ) -> None:
        """Keep a successful answer, unless an invalidation happened while it was built."""
        if lookup.generation != self.generation:
            return
        key = lookup.key
        if not lookup.scope_known:
            scope = self._learn(schema, query, operation_name)
            if scope is None:
                return
            key = _key(scope, query, operation_name, variables, principal)
        if key is None:
            return
        body = orjson.dumps(data)
        if len(body) > self.max_bytes // 8:
            return
        self._drop(key)
        self._entries[key] = _Entry(body, self._now() + self.ttl_s)
        self._bytes += len(body)
        while self._bytes > self.max_bytes:
            self._drop(next(iter(self._entries)))

    @staticmethod
    def topics() -> frozenset[str]:
        """The topics whose events invalidate the cache."""
        return registry.topics() - UNRELATED_TOPICS

    def invalidate(self, topics: Iterable[str]) -> None:
        if any(topic not in UNRELATED_TOPICS for topic in topics):
            self.generation += 1
            self._entries.clear()
            self._bytes = 0

    def observe(self, envelope: Envelope) -> None:
        """A hub listener: an event from any replica."""
        self.invalidate((envelope.topic,))

    def _learn(self, schema: GraphQLSchema, query: str, operation_name: str | None) -> Scope | None:
        try:
            scope = scope_of(schema, parse(query), operation_name)
        except GraphQLSyntaxError:
            scope = None
        self._scopes[(query, operation_name)] = scope
        if len(self._scopes) > self.plan_size:
            self._scopes.popitem(last=False)
        return scope

    def _drop(self, key: Key) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= len(entry.body)

    def __len__(self) -> int:
        return len(self._entries)


def _key(
    scope: Scope | None,
    query: str,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    principal: Principal | None,
) -> Key | None:
    if scope is None:
        return None
    return (
        _audience(scope, principal),
        query,
        operation_name,
        orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS),
    )


def _audience(scope: Scope, principal: Principal | None) -> object:
    """Who shares an answer: callers with the same roles, or one user for ``VIEWER``."""
    if principal is None:
        return "anonymous"
    if scope is Scope.VIEWER:
        return principal.user_id
    return tuple(sorted(role.value for role in principal.roles))
