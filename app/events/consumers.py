"""Consumer runners: one per worker, on Kafka or on the in-process (local) transport."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Protocol

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database, table_of
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
    Events the worker has no handler for (they share a topic with handled ones) cost no
    transaction: the position passes them with the next handled event, or once at the end of
    the batch. A crash in between only re-reads them, and they are ignored again.
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
            position = saved = await self._start_position()
            while not stop.is_set():
                wake.clear()
                rows = await self._batch(position)
                for row in rows:
                    if stop.is_set():
                        return
                    envelope, seq = to_envelope(row), row.published_seq or position
                    if self.processor.worker.handlers_for(envelope):
                        await self.processor.process(envelope, also=self._advance_to(seq))
                        saved = seq
                    else:
                        await self.processor.process(envelope)
                    position = seq
                if saved < position:
                    async with self.db.transaction() as session:
                        await self._advance_to(position)(session)
                    saved = position
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

    def _advance_to(self, published_seq: int) -> Callable[[AsyncSession], Awaitable[None]]:
        async def advance(session: AsyncSession) -> None:
            await session.execute(_ADVANCE, {"name": self.name, "seq": published_seq})

        return advance


_OFFSETS = table_of(ConsumerOffset)
_ADVANCE = (
    update(_OFFSETS)
    .where(_OFFSETS.c.consumer == bindparam("name"))
    .values(position=func.greatest(_OFFSETS.c.position, bindparam("seq")))
)
"""One statement (it takes the row lock too): the position never moves back."""


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
