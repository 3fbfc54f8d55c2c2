"""Consumer runners: one per worker, on Kafka or on the in-process (local) transport."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Protocol

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.events.envelope import Envelope
from app.events.models import ConsumerOffset, OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor
from app.events.transport import LocalBus, kafka_headers, wait_any
from app.observability.metrics import CONSUMER_LAG
from app.observability.tracing import kafka_trace_headers

log = structlog.get_logger(__name__)


class ConsumerRunner(Protocol):
    async def run(self, stop: asyncio.Event) -> None: ...


class LocalConsumer:
    """Reads published outbox rows by ``published_seq`` after its stored position.

    The position is saved in the same transaction as the handlers' effects, so on this
    transport delivery is exactly once; ``processed_events`` still guards against replays.
    """

    def __init__(
        self,
        processor: EventProcessor,
        db: Database,
        bus: LocalBus,
        *,
        batch_size: int,
        poll_s: float,
    ):
        self.processor = processor
        self.db = db
        self.bus = bus
        self.batch_size = batch_size
        self.poll_s = poll_s
        self.name = processor.worker.name
        self.topics = sorted(processor.worker.topics)

    async def run(self, stop: asyncio.Event) -> None:
        wake = self.bus.waiter()
        try:
            position = await self._start_position()
            while not stop.is_set():
                wake.clear()
                rows = await self._batch(position)
                for row in rows:
                    if stop.is_set():
                        return
                    await self.processor.process(
                        to_envelope(row), also=self._advance_to(row.published_seq)
                    )
                    position = row.published_seq or position
                if len(rows) < self.batch_size:
                    await wait_any(wake, stop, seconds=self.poll_s)
        finally:
            self.bus.forget(wake)

    async def _start_position(self) -> int:
        async with self.db.transaction() as session:
            await session.execute(
                pg_insert(ConsumerOffset)
                .values(consumer=self.name, position=0)
                .on_conflict_do_nothing()
            )
            position = await session.scalar(
                select(ConsumerOffset.position).where(ConsumerOffset.consumer == self.name)
            )
        return int(position or 0)

    async def _batch(self, position: int) -> list[OutboxEvent]:
        async with self.db.session() as session:
            stmt = (
                select(OutboxEvent)
                .where(OutboxEvent.published_seq > position, OutboxEvent.topic.in_(self.topics))
                .order_by(OutboxEvent.published_seq)
                .limit(self.batch_size)
            )
            return list((await session.scalars(stmt)).all())

    def _advance_to(self, published_seq: int | None) -> Callable[[AsyncSession], Awaitable[None]]:
        async def advance(session: AsyncSession) -> None:
            offset = await session.get(ConsumerOffset, self.name, with_for_update=True)
            assert offset is not None
            offset.position = max(offset.position, published_seq or 0)

        return advance


class KafkaConsumer:
    """A consumer group member: offsets are committed only after the handlers' transaction."""

    def __init__(
        self,
        processor: EventProcessor,
        consumer: AIOKafkaConsumer,
        producer: AIOKafkaProducer,
        *,
        dead_letter_topic: str,
        batch_size: int,
    ) -> None:
        self.processor = processor
        self.consumer = consumer
        self.producer = producer
        self.dead_letter_topic = dead_letter_topic
        self.batch_size = batch_size
        self._lag: dict[TopicPartition, int] = {}

    async def run(self, stop: asyncio.Event) -> None:
        await self.producer.start()
        await self.consumer.start()
        try:
            while not stop.is_set():
                batch = await self.consumer.getmany(timeout_ms=500, max_records=self.batch_size)
                for partition, messages in batch.items():
                    await self._handle_partition(partition, messages, stop)
        finally:
            with contextlib.suppress(KafkaError):
                await self.consumer.stop()
            await self.producer.stop()

    async def _handle_partition(
        self,
        partition: TopicPartition,
        messages: list[ConsumerRecord[bytes, bytes]],
        stop: asyncio.Event,
    ) -> None:
        """Messages of one partition in order; the offset is committed after the last handled.

        A crash before the commit redelivers handled messages, which ``processed_events`` absorbs.
        """
        next_offset = None
        try:
            for message in messages:
                if stop.is_set():
                    break
                assert message.value is not None
                envelope = Envelope.from_bytes(message.value)
                await self.processor.process(
                    envelope,
                    on_dead_letter=self._publish_dead_letter,
                    trace=kafka_trace_headers(message.headers),
                )
                next_offset = message.offset + 1
        finally:
            if next_offset is not None:
                await self.consumer.commit({partition: next_offset})
                self._record_lag(partition, next_offset)

    def _record_lag(self, partition: TopicPartition, next_offset: int) -> None:
        """Records left in the partitions this member has read from (the broker's high mark)."""
        highwater = self.consumer.highwater(partition)
        if highwater is not None:
            self._lag[partition] = max(highwater - next_offset, 0)
            CONSUMER_LAG.labels(self.processor.worker.name).set(sum(self._lag.values()))

    async def _publish_dead_letter(self, envelope: Envelope, error: str) -> None:
        headers = [*kafka_headers(envelope), ("error", error[-4000:].encode())]
        await self.producer.send_and_wait(
            self.dead_letter_topic,
            value=envelope.to_bytes(),
            key=envelope.key.encode(),
            headers=headers,
        )
