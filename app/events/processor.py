"""Handling one delivered event: idempotently, with retries, dead-lettering on exhaustion."""

from __future__ import annotations

import asyncio
import traceback
from collections.abc import Awaitable, Callable, Mapping
from enum import StrEnum
from typing import Any

import structlog
from sqlalchemy import bindparam, insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import Clock
from app.db import Database, table_of
from app.events.envelope import Envelope
from app.events.models import DeadLetter, ProcessedEvent
from app.events.worker import HandlerContext, Worker
from app.observability.attributes import EVENT_OUTCOME
from app.observability.messaging import consume_span
from app.observability.metrics import record_event_outcome
from app.settings import EventsSettings

log = structlog.get_logger(__name__)

InTransaction = Callable[[AsyncSession], Awaitable[None]]


class Outcome(StrEnum):
    HANDLED = "handled"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    DEAD_LETTERED = "dead_lettered"


class EventProcessor:
    def __init__(
        self,
        worker: Worker,
        db: Database,
        settings: EventsSettings,
        *,
        clock: Clock,
        services: Any = None,
    ) -> None:
        self.worker = worker
        self.db = db
        self.settings = settings
        self.clock = clock
        self.services = services

    async def process(
        self,
        envelope: Envelope,
        *,
        also: InTransaction | None = None,
        on_dead_letter: Callable[[Envelope, str], Awaitable[None]] | None = None,
        trace: Mapping[str, str] | None = None,
    ) -> Outcome:
        """Run the worker's handlers for ``envelope`` in one transaction.

        ``also`` runs inside the same transaction whatever the outcome (the local transport
        advances its cursor there), so position and effects commit together. ``trace`` is the
        record's trace context (Kafka headers); without it the envelope's is continued.
        """
        with consume_span(envelope, self.worker.name, trace) as span:
            outcome = await self._process(envelope, also, on_dead_letter)
            span.set_attribute(EVENT_OUTCOME, outcome.value)
        record_event_outcome(self.worker.name, outcome.value)
        return outcome

    async def _process(
        self,
        envelope: Envelope,
        also: InTransaction | None,
        on_dead_letter: Callable[[Envelope, str], Awaitable[None]] | None,
    ) -> Outcome:
        handlers = self.worker.handlers_for(envelope)
        if not handlers:
            if also is not None:
                async with self.db.transaction() as session:
                    await also(session)
            return Outcome.IGNORED
        error = ""
        for attempt in range(1, self.settings.consumer_max_attempts + 1):
            try:
                return await self._attempt(envelope, handlers, also)
            except Exception as exc:
                error = "".join(traceback.format_exception(exc))[-8000:]
                log.warning(
                    "consumer.handler_failed",
                    consumer=self.worker.name,
                    event_id=str(envelope.id),
                    event_type=envelope.type,
                    attempt=attempt,
                    error=repr(exc),
                )
                if attempt < self.settings.consumer_max_attempts:
                    await asyncio.sleep(self._backoff(attempt))
        await self._dead_letter(envelope, error, also)
        if on_dead_letter is not None:
            await on_dead_letter(envelope, error)
        return Outcome.DEAD_LETTERED

    async def _attempt(
        self, envelope: Envelope, handlers: Any, also: InTransaction | None
    ) -> Outcome:
        committed: list[Callable[[], None]] = []
        async with self.db.transaction() as session:
            claimed = await session.scalar(
                _CLAIM, {"consumer": self.worker.name, "event_id": envelope.id}
            )
            if claimed is not None:
                event = envelope.event()
                context = HandlerContext(
                    session, envelope, self.clock.now(), self.services, committed
                )
                for handler in handlers:
                    await handler(context, event)
            if also is not None:
                await also(session)
        for effect in committed:
            effect()
        return Outcome.HANDLED if claimed is not None else Outcome.DUPLICATE

    async def _dead_letter(
        self, envelope: Envelope, error: str, also: InTransaction | None
    ) -> None:
        async with self.db.transaction() as session:
            await session.execute(
                insert(DeadLetter).values(
                    consumer=self.worker.name,
                    event_id=envelope.id,
                    envelope=envelope.model_dump(mode="json"),
                    error=error,
                    attempts=self.settings.consumer_max_attempts,
                )
            )
            if also is not None:
                await also(session)
        log.error(
            "consumer.dead_lettered",
            consumer=self.worker.name,
            event_id=str(envelope.id),
            event_type=envelope.type,
        )

    def _backoff(self, attempt: int) -> float:
        delay = self.settings.consumer_backoff_s * 2 ** (attempt - 1)
        return float(min(delay, self.settings.consumer_backoff_max_s))


_PROCESSED = table_of(ProcessedEvent)
_CLAIM = (
    pg_insert(_PROCESSED)
    .values(consumer=bindparam("consumer"), event_id=bindparam("event_id"))
    .on_conflict_do_nothing()
    .returning(_PROCESSED.c.event_id)
)
"""Built once, on the table (``table_of``): it runs for every event."""
