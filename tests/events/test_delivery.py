"""Delivery guarantees, on the Kafka transport (Tansu) and on the in-process local transport."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterator

import pytest
from aiokafka import AIOKafkaConsumer
from sqlalchemy import func, select

from app.clock import SystemClock
from app.db import Database
from app.events import emit
from app.events.models import ConsumerOffset, DeadLetter, OutboxEvent, ProcessedEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.events.worker import HandlerContext, Worker
from app.settings import Settings
from tests.events.support import (
    RECORDER,
    Ping,
    Poison,
    create_effects_table,
    effects,
    emit_pings,
    event_settings,
    record,
    running,
    wait_for,
)
from tests.fixtures.kafka import TansuBroker

pytestmark = pytest.mark.slow


@pytest.fixture(params=["local", "kafka"])
def transport_settings(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Settings]:
    if request.param == "local":
        yield event_settings(settings, None)
        return
    broker = TansuBroker()
    broker.start()
    try:
        yield event_settings(settings, broker.address)
    finally:
        broker.stop()


@pytest.fixture
async def db(committed_database: Database) -> Database:
    await create_effects_table(committed_database)
    return committed_database


async def test_committed_event_arrives_once_and_rolled_back_never(
    transport_settings: Settings, db: Database
) -> None:
    async def failing_change() -> None:
        async with db.transaction() as session:
            emit(session, Ping(group="a", n=2), actor_id=None)
            raise RuntimeError("the change fails")

    async with running(transport_settings, db):
        await emit_pings(db, "a", [1])
        with pytest.raises(RuntimeError):
            await failing_change()
        await emit_pings(db, "a", [3])
        rows = await wait_for(db, 2)
        await asyncio.sleep(1.0)
        rows = await effects(db)

    assert [row["n"] for row in rows] == [1, 3]


async def test_per_key_order_holds_across_partitions(
    transport_settings: Settings, db: Database
) -> None:
    groups = [f"g{i}" for i in range(8)]
    async with running(transport_settings, db):
        for batch in range(10):
            for group in groups:
                await emit_pings(db, group, range(batch * 5, batch * 5 + 5))
        rows = await wait_for(db, 400)

    assert len(rows) == 400
    by_group: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_group[row["grp"]].append(row["n"])
    assert all(numbers == list(range(50)) for numbers in by_group.values())


async def test_failing_handler_is_dead_lettered_and_others_keep_flowing(
    transport_settings: Settings, db: Database
) -> None:
    async with running(transport_settings, db):
        await emit_pings(db, "before", [1])
        async with db.transaction() as session:
            poison = emit(session, Poison(n=7), actor_id=None)
        await emit_pings(db, "after", [2])
        rows = await wait_for(db, 2)
        if transport_settings.kafka.bootstrap_servers:
            dead = await _read_dead_letter_topic(transport_settings, poison.id.hex)
            assert dead is not None, "the poison event is on the dead-letter topic"

    assert sorted(row["n"] for row in rows) == [1, 2], "different keys: no order between them"
    async with db.session() as session:
        letters = list((await session.scalars(select(DeadLetter))).all())
    assert [(letter.consumer, letter.event_id) for letter in letters] == [
        ("test-recorder", poison.id)
    ]
    assert "cannot handle poison 7" in letters[0].error
    assert letters[0].attempts == 3


async def _read_dead_letter_topic(settings: Settings, event_id_hex: str) -> dict[str, bytes] | None:
    consumer = AIOKafkaConsumer(
        "prodvor.dlq.test-recorder",
        bootstrap_servers=settings.kafka.bootstrap_servers,
        auto_offset_reset="earliest",
        group_id=None,
    )
    await consumer.start()
    try:
        for _ in range(50):
            batch = await consumer.getmany(timeout_ms=200)
            for messages in batch.values():
                for message in messages:
                    headers = dict(message.headers)
                    if headers["event-id"].decode().replace("-", "") == event_id_hex:
                        assert b"cannot handle poison" in headers["error"]
                        return headers
        return None
    finally:
        await consumer.stop()


async def test_redelivered_event_has_no_second_effect(db: Database, settings: Settings) -> None:
    await emit_pings(db, "again", [5])
    async with db.session() as session:
        row = await session.scalar(select(OutboxEvent))
    assert row is not None
    processor = EventProcessor(
        RECORDER, db, event_settings(settings, None).events, clock=SystemClock()
    )

    first = await processor.process(to_envelope(row))
    second = await processor.process(to_envelope(row))

    assert (first, second) == (Outcome.HANDLED, Outcome.DUPLICATE)
    assert len(await effects(db)) == 1


async def test_after_commit_effects_run_once_for_the_attempt_that_committed(
    db: Database, settings: Settings
) -> None:
    await emit_pings(db, "effects", [1])
    async with db.session() as session:
        row = await session.scalar(select(OutboxEvent))
    assert row is not None
    counted: list[int] = []
    attempts: list[int] = []

    async def count_then_fail_once(ctx: HandlerContext, event: Ping) -> None:
        ctx.after_commit(lambda: counted.append(event.n))
        attempts.append(event.n)
        if len(attempts) == 1:
            raise RuntimeError("first attempt fails after registering its effect")

    worker = Worker("test-after-commit", {Ping: [count_then_fail_once]})
    processor = EventProcessor(
        worker, db, event_settings(settings, None).events, clock=SystemClock()
    )

    handled = await processor.process(to_envelope(row))
    again = await processor.process(to_envelope(row))

    assert (handled, again) == (Outcome.HANDLED, Outcome.DUPLICATE)
    assert attempts == [1, 1]
    assert counted == [1]


async def test_two_relays_racing_publish_each_row_once(
    transport_settings: Settings, db: Database
) -> None:
    for start in range(0, 600, 100):
        await emit_pings(db, f"race{start % 3}", range(start, start + 100))

    async with (
        running(transport_settings, db, relay=True),
        running(transport_settings, db, workers=(), relay=True),
    ):
        rows = await wait_for(db, 600)
        await asyncio.sleep(1.0)
        rows = await effects(db)

    assert len(rows) == 600
    assert len({row["event_id"] for row in rows}) == 600
    async with db.session() as session:
        published = await session.scalar(
            select(func.count(func.distinct(OutboxEvent.published_seq)))
        )
    assert published == 600
    if transport_settings.kafka.bootstrap_servers:
        assert await count_records(transport_settings, "prodvor.test") == 600, "no duplicate sends"


async def count_records(settings: Settings, topic: str) -> int:
    """Read the whole topic (Tansu's end offsets are not reliable, so count by consuming)."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=settings.kafka.bootstrap_servers, auto_offset_reset="earliest"
    )
    await consumer.start()
    try:
        count, empty_polls = 0, 0
        while empty_polls < 5:
            batch = await consumer.getmany(timeout_ms=200)
            received = sum(len(messages) for messages in batch.values())
            count += received
            empty_polls = 0 if received else empty_polls + 1
        return count
    finally:
        await consumer.stop()


async def test_the_local_position_passes_events_the_worker_does_not_handle(
    db: Database, settings: Settings
) -> None:
    pings_only = Worker("test-pings-only", {Ping: [record]})
    async with db.transaction() as session:
        for n in range(3):
            emit(session, Ping(group="mixed", n=n), actor_id=None)
            emit(session, Poison(n=n), actor_id=None)
        emit(session, Poison(n=3), actor_id=None)

    async with running(event_settings(settings, None), db, (pings_only,)):
        rows = await wait_for(db, 3)
        async with db.session() as session:
            newest = await session.scalar(select(func.max(OutboxEvent.published_seq)))
        position = await wait_for_position(db, "test-pings-only", newest or 0)

    assert [row["n"] for row in rows] == [0, 1, 2]
    assert position == newest, "the trailing unhandled event is passed too"
    async with db.session() as session:
        claimed = await session.scalar(
            select(func.count())
            .select_from(ProcessedEvent)
            .where(ProcessedEvent.consumer == "test-pings-only")
        )
    assert claimed == 3, "unhandled events are not claimed"


async def wait_for_position(db: Database, consumer: str, position: int) -> int:
    stored = None
    for _ in range(300):
        async with db.session() as session:
            stored = await session.scalar(
                select(ConsumerOffset.position).where(ConsumerOffset.consumer == consumer)
            )
        if stored is not None and stored >= position:
            break
        await asyncio.sleep(0.1)
    return stored or 0
