"""What feeds a process's hub: Kafka (every replica reads every partition) or the local outbox."""

from __future__ import annotations

import asyncio
import contextlib

import structlog
from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError
from sqlalchemy import func, select

from app.db import Database
from app.events.envelope import Envelope
from app.events.hub import Hub
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.transport import LocalBus, wait_any

log = structlog.get_logger(__name__)


def _deliver(hub: Hub, envelope: Envelope) -> None:
    try:
        hub.publish(envelope)
    except Exception as exc:  # one undecodable event must not stop real-time delivery
        log.warning("hub.deliver_failed", event_id=str(envelope.id), error=repr(exc))


class KafkaHubFeeder:
    """An ungrouped consumer: each API replica sees every real-time event from now on."""

    def __init__(self, hub: Hub, consumer: AIOKafkaConsumer) -> None:
        self.hub = hub
        self.consumer = consumer
        self.ready = asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        await self.consumer.start()
        try:
            for partition in self.consumer.assignment():
                await self.consumer.position(partition)  # fixes "latest" before anything arrives
            self.ready.set()
            while not stop.is_set():
                batch = await self.consumer.getmany(timeout_ms=200)
                for messages in batch.values():
                    for message in messages:
                        if message.value is not None:
                            _deliver(self.hub, Envelope.from_bytes(message.value))
        finally:
            with contextlib.suppress(KafkaError):
                await self.consumer.stop()


class LocalHubFeeder:
    """Tails published outbox rows of real-time topics, starting from the newest."""

    def __init__(
        self, hub: Hub, db: Database, bus: LocalBus, topics: frozenset[str], *, poll_s: float
    ) -> None:
        self.hub = hub
        self.db = db
        self.bus = bus
        self.topics = sorted(topics)
        self.poll_s = poll_s
        self.ready = asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        wake = self.bus.waiter()
        try:
            position = await self._newest()
            self.ready.set()
            while not stop.is_set():
                wake.clear()
                for row in await self._after(position):
                    _deliver(self.hub, to_envelope(row))
                    position = row.published_seq or position
                await wait_any(wake, stop, seconds=self.poll_s)
        finally:
            self.bus.forget(wake)

    async def _newest(self) -> int:
        async with self.db.session() as session:
            return int(await session.scalar(select(func.max(OutboxEvent.published_seq))) or 0)

    async def _after(self, position: int) -> list[OutboxEvent]:
        if not self.topics:
            return []
        async with self.db.session() as session:
            stmt = (
                select(OutboxEvent)
                .where(OutboxEvent.published_seq > position, OutboxEvent.topic.in_(self.topics))
                .order_by(OutboxEvent.published_seq)
                .limit(1000)
            )
            return list((await session.scalars(stmt)).all())
