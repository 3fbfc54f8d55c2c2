"""The real-time hub: fan-out per channel, slow subscribers dropped, fed from the stream."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest

from app.db import Database
from app.events.envelope import Envelope
from app.events.hub import Hub, SubscriberTooSlowError, Subscription
from app.settings import Settings
from tests.events.support import Ping, emit_pings, event_settings, running
from tests.fixtures.kafka import TansuBroker


def ping(group: str, n: int) -> Envelope:
    return Envelope.wrap(Ping(group=group, n=n), actor_id=None)


async def test_subscribers_of_a_channel_each_get_every_event() -> None:
    hub = Hub(queue_size=10)
    async with (
        hub.subscribe("group:a") as first,
        hub.subscribe("group:a") as second,
        hub.subscribe("group:b") as other,
    ):
        delivered = hub.publish(ping("a", 1))
        hub.publish(ping("a", 2))

        assert delivered == 2
        assert [e.payload["n"] async for e in _take(first, 2)] == [1, 2]
        assert [e.payload["n"] async for e in _take(second, 2)] == [1, 2]
        hub.close_channel("group:b")
        assert [e async for e in other] == []
    assert hub.subscriber_count == 0


async def test_a_slow_subscriber_is_dropped_without_blocking_others() -> None:
    hub = Hub(queue_size=3)
    async with hub.subscribe("group:a") as slow, hub.subscribe("group:a") as fast:
        received = []
        for n in range(5):
            hub.publish(ping("a", n))
            received.extend([e.payload["n"] async for e in _take(fast, 1)])

        assert received == [0, 1, 2, 3, 4]
        with pytest.raises(SubscriberTooSlowError):
            async for _ in slow:
                pass
        assert hub.subscriber_count == 1


async def test_closing_a_channel_ends_its_subscriptions() -> None:
    hub = Hub()
    async with hub.subscribe("group:a") as subscription:
        hub.publish(ping("a", 1))
        hub.close_channel("group:a")

        assert [e.payload["n"] async for e in subscription] == [1]


@pytest.mark.slow
@pytest.mark.parametrize("transport", ["local", "kafka"])
async def test_the_hub_is_fed_from_the_event_stream(
    transport: str, committed_database: Database, settings: Settings
) -> None:
    broker = TansuBroker() if transport == "kafka" else None
    if broker is not None:
        broker.start()
    try:
        config = event_settings(settings, broker.address if broker else None)
        group = uuid.uuid4().hex
        async with (
            running(config, committed_database, workers=(), hub=True) as runtime,
            runtime.hub.subscribe(f"group:{group}") as subscription,
        ):
            await asyncio.wait_for(runtime.hub_ready.wait(), 20)
            await emit_pings(committed_database, group, [1, 2, 3])
            async with asyncio.timeout(20):
                received = [e.payload["n"] async for e in _take(subscription, 3)]
        assert received == [1, 2, 3]
    finally:
        if broker is not None:
            broker.stop()


async def _take(subscription: Subscription, count: int) -> AsyncIterator[Envelope]:
    iterator = aiter(subscription)
    for _ in range(count):
        yield await anext(iterator)
