"""Assembling the event machinery of one process from settings.

On the local transport (no ``KAFKA_BOOTSTRAP_SERVERS``), ``serve`` runs the relay, every worker
and the hub feeder in-process: one command, same handlers, same idempotency. With Kafka the
relay runs in ``serve`` unless ``EVENTS_RELAY_IN_API=false`` (then ``prodvor relay``), and
workers run as ``prodvor worker NAME`` unless ``EVENTS_WORKERS_IN_API=true``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

import structlog
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from app.clock import Clock
from app.db import Database
from app.events import kafka
from app.events.base import registry
from app.events.consumers import ConsumerRunner, KafkaConsumer, LocalConsumer
from app.events.envelope import Envelope
from app.events.feeders import KafkaHubFeeder, LocalHubFeeder
from app.events.hub import Hub
from app.events.processor import EventProcessor
from app.events.relay import Relay
from app.events.transport import (
    KafkaPublisher,
    LocalBus,
    LocalPublisher,
    Publisher,
    kafka_headers,
    wait_any,
)
from app.events.worker import BackgroundTask, TaskContext, Worker
from app.settings import Settings

log = structlog.get_logger(__name__)


class EventsRuntime:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        clock: Clock,
        workers: Sequence[Worker],
        *,
        services: object = None,
    ) -> None:
        self.settings = settings
        self.db = db
        self.clock = clock
        self.workers = list(workers)
        self.services = services
        self.hub = Hub(settings.events.hub_queue_size)
        self.bus = LocalBus()
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self.hub_ready = asyncio.Event()
        """Set once the hub's feeder has fixed its starting position in the stream."""
        self._broadcaster: AIOKafkaProducer | None = None
        self._broadcaster_lock = asyncio.Lock()

    @property
    def uses_kafka(self) -> bool:
        return bool(self.settings.kafka.bootstrap_servers)

    @property
    def workers_in_process(self) -> bool:
        configured = self.settings.events.workers_in_api
        return (not self.uses_kafka) if configured is None else configured

    def publisher(self) -> Publisher:
        if self.uses_kafka:
            return KafkaPublisher(kafka.producer(self.settings.kafka))
        return LocalPublisher(self.bus)

    def relay(self, publisher: Publisher) -> Relay:
        return Relay(self.db, publisher, self.settings.events, on_published=self.bus.notify)

    def consumer(self, worker: Worker) -> ConsumerRunner:
        events = self.settings.events
        processor = EventProcessor(
            worker, self.db, events, clock=self.clock, services=self.services
        )
        if not self.uses_kafka:
            return LocalConsumer(
                processor,
                self.db,
                self.bus,
                batch_size=events.consumer_batch_size,
                poll_s=events.poll_interval_s,
            )
        return KafkaConsumer(
            processor,
            kafka.consumer(self.settings.kafka, worker.topics, group_id=worker.name),
            kafka.producer(self.settings.kafka),
            dead_letter_topic=self.settings.kafka.dead_letter_prefix + worker.name,
            batch_size=events.consumer_batch_size,
        )

    def hub_feeder(self) -> KafkaHubFeeder | LocalHubFeeder:
        topics = registry.realtime_topics() | self.hub.listened_topics
        if self.uses_kafka:
            consumer = kafka.consumer(self.settings.kafka, topics, group_id=None)
            return KafkaHubFeeder(self.hub, consumer)
        return LocalHubFeeder(
            self.hub, self.db, self.bus, topics, poll_s=self.settings.events.poll_interval_s
        )

    async def ensure_topics(self) -> None:
        if self.uses_kafka:
            dead_letters = {self.settings.kafka.dead_letter_prefix + w.name for w in self.workers}
            await kafka.ensure_topics(self.settings.kafka, registry.topics() | dead_letters)

    async def start(self, *, relay: bool, workers: bool, hub: bool = True) -> None:
        """Start the requested parts as supervised background tasks of this process."""
        await self.ensure_topics()
        if relay:
            self._spawn("relay", self._run_relay)
        if workers:
            for worker in self.workers:
                # A worker of periodic tasks only has no topics to consume.
                if worker.topics:
                    self._spawn(f"worker:{worker.name}", self._consumer_runner(worker))
                for task in worker.tasks:
                    self._spawn(f"task:{worker.name}:{task.__name__}", self._task_runner(task))
        if hub and registry.realtime_topics():
            self._spawn("hub", self._run_hub_feeder)

    async def start_for_api(self) -> None:
        await self.start(relay=self.settings.events.relay_in_api, workers=self.workers_in_process)

    async def stop(self, grace_s: float = 15.0) -> None:
        """Ask every task to finish its current unit of work, then cancel stragglers."""
        self._stop.set()
        if self._tasks:
            _, pending = await asyncio.wait(self._tasks, timeout=grace_s)
            for task in pending:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        if self._broadcaster is not None:
            await self._broadcaster.stop()
            self._broadcaster = None

    async def broadcast(self, envelope: Envelope) -> None:
        """Hand an ephemeral event (a typing notice) to every replica's hub, bypassing the outbox.

        At most once and never stored: a lost notice is simply not shown, which suits events
        that clients repeat every few seconds and that are stale a few seconds later. With
        Kafka every replica's hub feeder, this one's included, reads it from its topic; on the
        local transport this process's hub is the only one.
        """
        if not self.uses_kafka:
            self.hub.publish(envelope)
            return
        try:
            producer = await self._broadcast_producer()
            await producer.send(
                envelope.topic,
                value=envelope.to_bytes(),
                key=envelope.key.encode(),
                headers=kafka_headers(envelope),
            )
        except KafkaError as exc:
            log.warning("events.broadcast_failed", event_type=envelope.type, error=repr(exc))

    async def _broadcast_producer(self) -> AIOKafkaProducer:
        async with self._broadcaster_lock:
            if self._broadcaster is None:
                producer = kafka.producer(self.settings.kafka)
                await producer.start()
                self._broadcaster = producer
            return self._broadcaster

    def _consumer_runner(self, worker: Worker) -> Callable[[], Awaitable[None]]:
        return lambda: self.consumer(worker).run(self._stop)

    def _task_runner(self, task: BackgroundTask) -> Callable[[], Awaitable[None]]:
        context = TaskContext(self.db, self.settings, self.clock, self.services, self._stop)
        return lambda: task(context)

    async def _run_hub_feeder(self) -> None:
        feeder = self.hub_feeder()
        readiness = asyncio.create_task(feeder.ready.wait())
        readiness.add_done_callback(lambda _: self.hub_ready.set())
        try:
            await feeder.run(self._stop)
        finally:
            readiness.cancel()

    async def _run_relay(self) -> None:
        publisher = self.publisher()
        await publisher.start()
        try:
            await self.relay(publisher).run(self._stop)
        finally:
            await publisher.stop()

    def _spawn(self, name: str, run: Callable[[], Awaitable[None]]) -> None:
        """Run ``run()`` until stopped, restarting it after a crash (e.g. database down)."""

        async def supervised() -> None:
            delay = 1.0
            while not self._stop.is_set():
                try:
                    await run()
                except Exception:
                    log.exception("events.task_crashed", task=name, restart_in_s=delay)
                    await wait_any(self._stop, seconds=delay)
                    delay = min(delay * 2, 30.0)

        self._tasks.append(asyncio.create_task(supervised(), name=name))
