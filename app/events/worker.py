"""Consumers of events: a ``Worker`` is a named consumer group with handlers per event type.

Handlers are plain async functions ``handler(ctx, event)``. They run in a transaction that
also records the event id in ``processed_events``, so a redelivered event has no second
effect, and the position (Kafka offset or local cursor) is committed only after it.

A worker may also run background ``tasks`` beside its consumer: loops that do slow work the
handlers only recorded (sending the emails a handler queued), so a slow or failing outside
service never holds up the event stream.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import Clock
from app.db import Database
from app.events.base import Event
from app.events.envelope import Envelope
from app.events.transport import wait_any
from app.settings import Settings


@dataclass
class HandlerContext:
    session: AsyncSession
    envelope: Envelope
    now: datetime
    services: Any
    """The process's ``Container`` (settings, clock, clients); typed loosely to avoid a cycle."""
    committed: list[Callable[[], None]] = field(default_factory=list)
    """Side effects outside the database (metrics) to run only once the handlers' transaction
    has committed: a rollback or a retry must not run them twice."""

    def after_commit(self, effect: Callable[[], None]) -> None:
        self.committed.append(effect)


Handler = Callable[[HandlerContext, Any], Awaitable[None]]


@dataclass
class TaskContext:
    db: Database
    settings: Settings
    clock: Clock
    services: Any
    stop: asyncio.Event
    """Set when the process stops: finish the unit of work in hand and return."""


BackgroundTask = Callable[[TaskContext], Awaitable[None]]


async def in_batches(
    db: Database, batch: int, step: Callable[[AsyncSession, int], Awaitable[int]]
) -> int:
    """Run ``step(session, limit)`` a transaction at a time until it handles fewer than
    ``batch`` rows; returns how many it handled. Short transactions keep row locks brief."""
    handled = 0
    while True:
        async with db.transaction() as session:
            done = await step(session, batch)
        handled += done
        if done < batch:
            return handled


async def every(
    ctx: TaskContext, seconds: float, run_pass: Callable[[], Awaitable[object]]
) -> None:
    """Run one pass now and then every ``seconds``; returns once ``stop`` is set (after the
    pass in hand)."""
    while True:
        await run_pass()
        if ctx.stop.is_set():
            return
        await wait_any(ctx.stop, seconds=seconds)


@dataclass(frozen=True)
class Worker:
    name: str
    handlers: Mapping[type[Event], Sequence[Handler]] = field(default_factory=dict)
    tasks: Sequence[BackgroundTask] = ()
    """Run wherever the worker's consumer runs, restarted after a crash like it."""

    @property
    def topics(self) -> frozenset[str]:
        return frozenset(event_type.topic for event_type in self.handlers)

    def handlers_for(self, envelope: Envelope) -> Sequence[Handler]:
        return self._by_type.get((envelope.type, envelope.version), ())

    @cached_property
    def _by_type(self) -> dict[tuple[str, int], Sequence[Handler]]:
        return {(event.type, event.version): handlers for event, handlers in self.handlers.items()}
