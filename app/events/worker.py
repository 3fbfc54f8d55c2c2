"""Consumers of events: a ``Worker`` is a named consumer group with handlers per event type.

Handlers are plain async functions ``handler(ctx, event)``. They run in a transaction that
also records the event id in ``processed_events``, so a redelivered event has no second
effect, and the position (Kafka offset or local cursor) is committed only after it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.events.base import Event
from app.events.envelope import Envelope


@dataclass
class HandlerContext:
    session: AsyncSession
    envelope: Envelope
    now: datetime
    services: Any
    """The process's ``Container`` (settings, clock, clients); typed loosely to avoid a cycle."""


Handler = Callable[[HandlerContext, Any], Awaitable[None]]


@dataclass(frozen=True)
class Worker:
    name: str
    handlers: Mapping[type[Event], Sequence[Handler]] = field(default_factory=dict)

    @property
    def topics(self) -> frozenset[str]:
        return frozenset(event_type.topic for event_type in self.handlers)

    def handlers_for(self, envelope: Envelope) -> Sequence[Handler]:
        for event_type, handlers in self.handlers.items():
            if event_type.type == envelope.type and event_type.version == envelope.version:
                return handlers
        return ()
