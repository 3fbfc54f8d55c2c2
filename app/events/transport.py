"""Publishers the relay hands committed events to.

``KafkaPublisher`` returns only when the broker acknowledged every record (acks=all); the relay
marks rows published only then. ``LocalPublisher`` is the embedded default: publishing is the
relay's marking of the rows itself, and in-process consumers read the outbox; it only wakes them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Protocol

from aiokafka import AIOKafkaProducer

from app.events.envelope import Envelope
from app.observability.messaging import publish_span


class Publisher(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def publish(self, envelopes: Sequence[Envelope]) -> None:
        """Return once every envelope is durably accepted, or raise."""
        ...


class LocalBus:
    """Wakes in-process readers of the outbox when the relay published something."""

    def __init__(self) -> None:
        self._waiters: set[asyncio.Event] = set()

    def waiter(self) -> asyncio.Event:
        event = asyncio.Event()
        self._waiters.add(event)
        return event

    def forget(self, event: asyncio.Event) -> None:
        self._waiters.discard(event)

    def notify(self) -> None:
        for event in self._waiters:
            event.set()


class LocalPublisher:
    def __init__(self, bus: LocalBus) -> None:
        self.bus = bus

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def publish(self, envelopes: Sequence[Envelope]) -> None:
        return None


def kafka_headers(
    envelope: Envelope, trace: dict[str, str] | None = None
) -> list[tuple[str, bytes]]:
    """Record headers; ``trace`` (the publish span's context) replaces the emitter's."""
    headers = {
        "event-id": str(envelope.id),
        "event-type": envelope.type,
        **envelope.headers,
        **(trace or {}),
    }
    return [(name, value.encode()) for name, value in headers.items()]


class KafkaPublisher:
    def __init__(self, producer: AIOKafkaProducer) -> None:
        self.producer = producer

    async def start(self) -> None:
        await self.producer.start()

    async def stop(self) -> None:
        await self.producer.stop()

    async def publish(self, envelopes: Sequence[Envelope]) -> None:
        pending = []
        for envelope in envelopes:
            with publish_span(envelope) as trace:
                sent = await self.producer.send(
                    envelope.topic,
                    value=envelope.to_bytes(),
                    key=envelope.key.encode(),
                    headers=kafka_headers(envelope, trace),
                )
            pending.append(sent)
        await asyncio.gather(*pending)


async def wait_any(*events: asyncio.Event, seconds: float) -> None:
    """Return when any of ``events`` is set or after ``seconds``."""
    waiters = [asyncio.create_task(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
