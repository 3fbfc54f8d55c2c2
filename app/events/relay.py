"""The outbox relay: publishes committed events, in order, exactly once per row.

Each batch runs in one transaction that takes a transaction-scoped advisory lock, so any number
of relays may run (for availability) while one publishes at a time: that keeps the global
order, and with it every key's order, even across relays. Rows are claimed with
``FOR UPDATE SKIP LOCKED`` and marked published only after the publisher returned, i.e. after
the broker acknowledged them. If publishing fails the transaction rolls back and the rows wait;
the API keeps writing to the outbox meanwhile. A crash between the broker's acknowledgement and
the commit republishes the batch, and consumers' idempotency absorbs the duplicates.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Sequence
from datetime import timedelta

import psycopg
import structlog
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database, utcnow
from app.events.models import OutboxEvent
from app.events.outbox import NOTIFY_CHANNEL, to_envelope
from app.events.transport import Publisher, wait_any
from app.observability.metrics import RELAY_FAILURES, RELAY_PUBLISHED
from app.settings import EventsSettings

log = structlog.get_logger(__name__)

RELAY_LOCK = 0x70726F64  # "prod": the advisory lock serialising publishing relays
PUBLISHED_SEQUENCE = "outbox_published_seq"


_MARK_PUBLISHED = text(
    f"""
    WITH numbered AS (
        SELECT seq, nextval('{PUBLISHED_SEQUENCE}') AS published_seq
        FROM unnest(CAST(:seqs AS bigint[])) AS seq
        ORDER BY seq
    )
    UPDATE outbox SET published_seq = numbered.published_seq, published_at = :now
    FROM numbered
    WHERE outbox.seq = numbered.seq
    """
)
"""One statement, numbering the rows in ``seq`` order: PostgreSQL computes a query's output
list (the ``nextval``) after its ``ORDER BY`` sort."""


class PublishFailedError(Exception):
    def __init__(self, seqs: list[int]) -> None:
        super().__init__(f"publishing {len(seqs)} outbox rows failed")
        self.seqs = seqs


class Relay:
    def __init__(
        self,
        db: Database,
        publisher: Publisher,
        settings: EventsSettings,
        *,
        on_published: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self.publisher = publisher
        self.settings = settings
        self.on_published = on_published
        self._wake = asyncio.Event()
        self._last_prune = 0.0

    def wake(self) -> None:
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        listener = asyncio.create_task(self._listen(stop))
        failures = 0
        try:
            while not stop.is_set():
                self._wake.clear()  # before reading: a NOTIFY from now on means "look again"
                try:
                    published = await self.publish_batch()
                    failures = 0
                except Exception as exc:
                    failures += 1
                    log.warning("relay.publish_failed", error=repr(exc), failures=failures)
                    await self._sleep(stop, min(0.2 * 2**failures, 30.0))
                    continue
                if published >= self.settings.relay_batch_size:
                    continue
                await self._maybe_prune()
                await self._sleep(stop, self.settings.poll_interval_s)
        finally:
            listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listener

    async def publish_batch(self) -> int:
        """Publish up to one batch; return how many rows were published (0 if another relay is)."""
        try:
            published = await self._publish_batch()
        except PublishFailedError as failure:
            RELAY_FAILURES.inc()
            await self._record_failure(failure.seqs, failure.__cause__)
            raise
        RELAY_PUBLISHED.inc(published)
        if published and self.on_published is not None:
            self.on_published()
        return published

    async def _publish_batch(self) -> int:
        async with self.db.transaction() as session:
            if not await session.scalar(select(func.pg_try_advisory_xact_lock(RELAY_LOCK))):
                return 0
            stmt = (
                select(OutboxEvent)
                .where(OutboxEvent.published_at.is_(None))
                .order_by(OutboxEvent.seq)
                .limit(self.settings.relay_batch_size)
                .with_for_update(skip_locked=True)
            )
            rows = list((await session.scalars(stmt)).all())
            if not rows:
                return 0
            try:
                await self.publisher.publish([to_envelope(row) for row in rows])
            except Exception as exc:
                raise PublishFailedError([row.seq for row in rows]) from exc
            await self._mark_published(session, rows)
        return len(rows)

    async def _mark_published(self, session: AsyncSession, rows: Sequence[OutboxEvent]) -> None:
        await session.execute(_MARK_PUBLISHED, {"seqs": [row.seq for row in rows], "now": utcnow()})

    async def _record_failure(self, seqs: list[int], exc: BaseException | None) -> None:
        """Count the attempt on the rows, after the batch's transaction released them."""
        async with self.db.transaction() as session:
            await session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.seq.in_(seqs))
                .values(attempts=OutboxEvent.attempts + 1, last_error=repr(exc)[:2000])
            )

    async def prune(self) -> int:
        """Delete published rows older than the retention period."""
        cutoff = utcnow() - timedelta(hours=self.settings.outbox_retention_hours)
        async with self.db.transaction() as session:
            result = await session.execute(
                delete(OutboxEvent).where(OutboxEvent.published_at < cutoff)
            )
        return int(getattr(result, "rowcount", 0) or 0)

    async def _maybe_prune(self) -> None:
        if time.monotonic() - self._last_prune >= self.settings.prune_interval_s:
            self._last_prune = time.monotonic()
            pruned = await self.prune()
            if pruned:
                log.info("relay.pruned", rows=pruned)

    async def _sleep(self, stop: asyncio.Event, seconds: float) -> None:
        """Wait for a NOTIFY, a stop, or the timeout, whichever comes first."""
        await wait_any(self._wake, stop, seconds=seconds)

    async def _listen(self, stop: asyncio.Event) -> None:
        """LISTEN for commits that wrote to the outbox; reconnect on errors."""
        url = self.db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        while not stop.is_set():
            try:
                async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    async for _ in conn.notifies():
                        self._wake.set()
            except (psycopg.Error, OSError) as exc:
                log.warning("relay.listen_failed", error=repr(exc))
                await asyncio.sleep(1.0)
