"""The real-time hub: in-process fan-out of events to GraphQL subscriptions.

Each API process feeds one hub from the event stream (an ungrouped Kafka consumer, or the
outbox on the local transport). Events name the channels they concern (``Event.channels``,
e.g. ``match:<id>``); every subscriber of a channel gets its own bounded buffer. A subscriber
that falls a whole buffer behind is dropped with ``SubscriberTooSlowError`` instead of slowing
the others or growing memory without bound.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict, defaultdict, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from app.events.envelope import Envelope

T = TypeVar("T")


class SubscriberTooSlowError(Exception):
    pass


class Subscription:
    def __init__(self, channel: str, size: int) -> None:
        self.channel = channel
        self._size = size
        self._items: deque[Envelope] = deque()
        self._ready = asyncio.Event()
        self.overflowed = False
        self.closed = False

    def offer(self, envelope: Envelope) -> bool:
        if len(self._items) >= self._size:
            self.overflowed = True
            self._ready.set()
            return False
        self._items.append(envelope)
        self._ready.set()
        return True

    def close(self) -> None:
        self.closed = True
        self._ready.set()

    def __aiter__(self) -> AsyncIterator[Envelope]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Envelope]:
        while True:
            if self.overflowed:
                raise SubscriberTooSlowError(self.channel)
            if self._items:
                yield self._items.popleft()
                continue
            if self.closed:
                return
            self._ready.clear()
            await self._ready.wait()


class SharedLoads:
    """Work that every subscriber of one delivered event would repeat, done once per process.

    A message posted to a chat with 2,000 open subscriptions on this replica is read from the
    database once, not 2,000 times. Results are kept for the newest ``size`` keys: an event's
    subscribers all ask within moments of each other. A failed load is forgotten, so the next
    subscriber tries again; a subscriber that goes away does not cancel the others' load.
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._loads: OrderedDict[Hashable, asyncio.Future[Any]] = OrderedDict()

    async def get(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        future = self._loads.get(key)
        if future is None:
            future = asyncio.ensure_future(load())
            self._loads[key] = future
            if len(self._loads) > self.size:
                self._loads.popitem(last=False)
        try:
            result: T = await asyncio.shield(future)
        except Exception:
            if self._loads.get(key) is future:
                del self._loads[key]
            raise
        return result


class Hub:
    def __init__(self, queue_size: int = 256) -> None:
        self.queue_size = queue_size
        self._subscribers: dict[str, set[Subscription]] = defaultdict(set)
        self._watchers: dict[str, set[Subscription]] = defaultdict(set)
        self.shared = SharedLoads()
        self._listeners: list[Callable[[Envelope], None]] = []
        self.listened_topics: frozenset[str] = frozenset()
        """Topics fed to the hub for listeners only, besides the real-time ones."""

    def listen(
        self, listener: Callable[[Envelope], None], topics: frozenset[str] = frozenset()
    ) -> None:
        """Hear every published event: for per-replica caches that events invalidate.

        ``topics`` are the topics without hub channels the listener needs; the hub feeder
        reads them too when it starts after this call."""
        self._listeners.append(listener)
        self.listened_topics |= topics

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[Subscription]:
        async with self._listen(self._subscribers, channel) as subscription:
            yield subscription

    @asynccontextmanager
    async def watch(self, channel: str) -> AsyncIterator[Subscription]:
        """A listener of a connection rather than of a GraphQL operation (a WebSocket watching
        its user's account); not counted in ``subscriber_count``."""
        async with self._listen(self._watchers, channel) as subscription:
            yield subscription

    def publish(self, envelope: Envelope) -> int:
        """Deliver to every subscriber of the event's channels; returns deliveries made."""
        for listener in self._listeners:
            listener(envelope)
        delivered = 0
        for channel in envelope.event().channels():
            for registry in (self._subscribers, self._watchers):
                delivered += self._offer(registry, channel, envelope)
        return delivered

    @asynccontextmanager
    async def _listen(
        self, registry: dict[str, set[Subscription]], channel: str
    ) -> AsyncIterator[Subscription]:
        subscription = Subscription(channel, self.queue_size)
        registry[channel].add(subscription)
        try:
            yield subscription
        finally:
            self._remove(subscription, registry)

    def _offer(
        self, registry: dict[str, set[Subscription]], channel: str, envelope: Envelope
    ) -> int:
        delivered = 0
        for subscription in list(registry.get(channel, ())):
            if subscription.offer(envelope):
                delivered += 1
            else:
                self._remove(subscription, registry)
        return delivered

    def close_channel(self, channel: str) -> None:
        """End every subscription of ``channel`` (e.g. the member left the chat)."""
        for subscription in list(self._subscribers.get(channel, ())):
            self._remove(subscription)
            subscription.close()

    @property
    def subscriber_count(self) -> int:
        return sum(len(subs) for subs in self._subscribers.values())

    @property
    def watcher_count(self) -> int:
        return sum(len(subs) for subs in self._watchers.values())

    def _remove(
        self, subscription: Subscription, registry: dict[str, set[Subscription]] | None = None
    ) -> None:
        registry = self._subscribers if registry is None else registry
        subscribers = registry.get(subscription.channel)
        if subscribers is not None:
            subscribers.discard(subscription)
            if not subscribers:
                del registry[subscription.channel]
