"""Nothing is lost when the broker is down, and a relay crash only causes absorbed duplicates."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import httpx
import pytest
from sqlalchemy import func, select

from app.db import Database
from app.events import kafka
from app.events.envelope import Envelope
from app.events.models import OutboxEvent
from app.events.relay import PublishFailedError, Relay
from app.events.transport import KafkaPublisher
from app.settings import Settings
from tests.events.support import (
    create_effects_table,
    effects,
    emit_pings,
    event_settings,
    running,
    wait_for,
)
from tests.factories import create_user
from tests.fixtures.app import AppFactory, token_for
from tests.fixtures.kafka import TansuBroker

pytestmark = pytest.mark.slow


@pytest.fixture
async def db(committed_database: Database) -> Database:
    await create_effects_table(committed_database)
    return committed_database


async def unpublished(db: Database) -> int:
    async with db.session() as session:
        stmt = (
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.published_at.is_(None))
        )
        return int(await session.scalar(stmt) or 0)


async def test_broker_outage_loses_nothing(
    db: Database, settings: Settings, kafka_broker: TansuBroker, app_factory: AppFactory, dev_issuer
) -> None:
    config = event_settings(settings, kafka_broker.address)
    async with db.transaction() as session:
        user = await create_user(session)
    app = app_factory(db)

    async with running(config, db):
        await emit_pings(db, "warmup", [0])
        assert len(await wait_for(db, 1)) == 1

        kafka_broker.stop()
        for start in range(0, 1000, 50):
            await emit_pings(db, f"k{start % 7}", range(start, start + 50))
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://t"
        ) as c:
            response = await c.post(
                "/graphql",
                json={"query": 'mutation { updateProfile(input: {city: "Тула"}) { __typename } }'},
                headers={"Authorization": f"Bearer {token_for(dev_issuer, user)}"},
            )
        assert response.json()["data"]["updateProfile"]["__typename"] == "UpdateProfilePayload"
        await asyncio.sleep(2.0)
        assert await unpublished(db) == 1001, "rows wait in the outbox while the broker is down"

        kafka_broker.start()
        rows = await wait_for(db, 1001, within=120)
        await asyncio.sleep(1.0)
        rows = await effects(db)

    numbers = [row["n"] for row in rows if row["grp"] != "warmup"]
    assert sorted(numbers) == list(range(1000))
    assert len({row["event_id"] for row in rows}) == len(rows) == 1001
    assert await unpublished(db) == 0


class CrashAfterPublish(KafkaPublisher):
    """Publishes for real, then dies before the relay can mark the rows (once)."""

    crashed = False

    async def publish(self, envelopes: Sequence[Envelope]) -> None:
        await super().publish(envelopes)
        if not self.crashed:
            self.crashed = True
            raise ConnectionError("relay killed after the broker acknowledged")


async def test_relay_crash_between_publish_and_mark_only_duplicates(
    db: Database, settings: Settings, kafka_broker: TansuBroker
) -> None:
    config = event_settings(settings, kafka_broker.address)
    await emit_pings(db, "dup", range(100))
    publisher = CrashAfterPublish(kafka.producer(config.kafka))
    await publisher.start()
    relay = Relay(db, publisher, config.events)
    with pytest.raises(PublishFailedError) as failed:
        await relay.publish_batch()
    assert isinstance(failed.value.__cause__, ConnectionError)
    assert await unpublished(db) == 100
    assert await relay.publish_batch() == 100
    await publisher.stop()

    async with running(config, db, relay=False):
        rows = await wait_for(db, 100)
        await asyncio.sleep(1.5)
        rows = await effects(db)

    assert sorted(row["n"] for row in rows) == list(range(100))
    assert len(rows) == 100, "the 100 duplicates on the topic had no effect"
