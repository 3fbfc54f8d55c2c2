"""``prodvor relay`` as its own process against a real Kafka-protocol broker."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer

from app.db import Database
from app.events.envelope import Envelope
from tests.events.support import emit_pings
from tests.fixtures.kafka import TansuBroker

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def env_for(db: Database, broker: TansuBroker | None = None) -> dict[str, str]:
    url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "KAFKA_", "APP_"))}
    env.update(
        {"APP_ENV": "test", "AUTH_DEV_ISSUER": "true", "DATABASE_URL": url, "DATA_DIR": "/tmp"}
    )
    if broker is not None:
        env["KAFKA_BOOTSTRAP_SERVERS"] = broker.address
    return env


async def test_relay_process_publishes_and_stops_on_sigterm(
    committed_database: Database, kafka_broker: TansuBroker
) -> None:
    await emit_pings(committed_database, "cli", range(20))
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "relay"],
        env=env_for(committed_database, kafka_broker),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    consumer = AIOKafkaConsumer(
        "prodvor.test", bootstrap_servers=kafka_broker.address, auto_offset_reset="earliest"
    )
    await consumer.start()
    received: list[int] = []
    try:
        async with asyncio.timeout(60):
            while len(received) < 20:
                batch = await consumer.getmany(timeout_ms=500)
                for messages in batch.values():
                    received += [Envelope.from_bytes(m.value).payload["n"] for m in messages]
    finally:
        await consumer.stop()
        process.send_signal(signal.SIGTERM)
        returncode = process.wait(30)

    assert sorted(received) == list(range(20))
    assert returncode == 0


def test_worker_rejects_an_unknown_name(committed_database: Database) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "worker", "no-such-worker"],
        env=env_for(committed_database),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
