"""Test events, a recording worker and helpers shared by the event tests.

The worker's effect is a row in ``test_effects`` (created by the test in its own committed
database) with no unique constraint, so a double application would be visible.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import text

from app.clock import SystemClock
from app.db import Database
from app.events import Event, emit
from app.events.runtime import EventsRuntime
from app.events.worker import HandlerContext, Worker
from app.settings import EventsSettings, KafkaSettings, Settings

TOPIC = "prodvor.test"


class Ping(Event):
    type = "test.ping"
    topic = TOPIC

    group: str
    n: int

    @property
    def key(self) -> str:
        return self.group

    def channels(self) -> list[str]:
        return [f"group:{self.group}"]


class Poison(Event):
    type = "test.poison"
    topic = TOPIC

    n: int

    @property
    def key(self) -> str:
        return "poison"


async def record(ctx: HandlerContext, event: Ping) -> None:
    await ctx.session.execute(
        text("INSERT INTO test_effects (event_id, grp, n) VALUES (:id, :grp, :n)"),
        {"id": ctx.envelope.id, "grp": event.group, "n": event.n},
    )


async def explode(ctx: HandlerContext, event: Poison) -> None:
    raise RuntimeError(f"cannot handle poison {event.n}")


RECORDER = Worker("test-recorder", {Ping: [record], Poison: [explode]})


async def create_effects_table(db: Database) -> None:
    async with db.transaction() as session:
        await session.execute(
            text(
                "CREATE TABLE test_effects (seq bigserial, event_id uuid, grp text, n int, "
                "at timestamptz DEFAULT clock_timestamp())"
            )
        )


async def emit_pings(db: Database, group: str, numbers: Sequence[int]) -> None:
    async with db.transaction() as session:
        for n in numbers:
            emit(session, Ping(group=group, n=n), actor_id=None)


async def effects(db: Database) -> list[dict[str, Any]]:
    async with db.session() as session:
        rows = await session.execute(text("SELECT event_id, grp, n FROM test_effects ORDER BY seq"))
        return [dict(row._mapping) for row in rows]


async def wait_for(db: Database, count: int, *, within: float = 180.0) -> list[dict[str, Any]]:
    """Poll until ``count`` effects exist (or the generous deadline passes)."""
    deadline = time.monotonic() + within
    while True:
        rows = await effects(db)
        if len(rows) >= count or time.monotonic() > deadline:
            return rows
        await asyncio.sleep(0.1)


def event_settings(base: Settings, broker_address: str | None) -> Settings:
    kafka = KafkaSettings(
        bootstrap_servers=broker_address,
        session_timeout_ms=6_000,
        heartbeat_interval_ms=500,
        request_timeout_ms=3_000,
    )
    events = EventsSettings(
        poll_interval_s=0.2, consumer_max_attempts=3, consumer_backoff_s=0.05, relay_batch_size=200
    )
    return base.model_copy(update={"kafka": kafka, "events": events})


@asynccontextmanager
async def running(
    settings: Settings,
    db: Database,
    workers: Sequence[Worker] = (RECORDER,),
    *,
    relay: bool = True,
    hub: bool = False,
) -> AsyncIterator[EventsRuntime]:
    runtime = EventsRuntime(settings, db, SystemClock(), workers)
    await runtime.start(relay=relay, workers=bool(workers), hub=hub)
    try:
        yield runtime
    finally:
        await runtime.stop()


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"
