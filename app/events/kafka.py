"""aiokafka clients configured from settings, and topic creation."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from app.settings import KafkaSettings

log = structlog.get_logger(__name__)


def bootstrap(settings: KafkaSettings) -> str:
    if not settings.bootstrap_servers:
        raise RuntimeError("KAFKA_BOOTSTRAP_SERVERS is not set")
    return settings.bootstrap_servers


def producer(settings: KafkaSettings) -> AIOKafkaProducer:
    """``acks=all``: a send counts only once every in-sync replica has the record."""
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap(settings),
        client_id=settings.client_id,
        acks="all",
        enable_idempotence=False,
        request_timeout_ms=settings.request_timeout_ms,
        retry_backoff_ms=200,
        linger_ms=2,
    )


def consumer(
    settings: KafkaSettings, topics: Iterable[str], *, group_id: str | None
) -> AIOKafkaConsumer:
    """Grouped consumers start at the earliest retained record; ungrouped ones at the latest."""
    return AIOKafkaConsumer(
        *sorted(topics),
        bootstrap_servers=bootstrap(settings),
        client_id=settings.client_id,
        group_id=group_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest" if group_id else "latest",
        session_timeout_ms=settings.session_timeout_ms,
        heartbeat_interval_ms=settings.heartbeat_interval_ms,
        request_timeout_ms=max(settings.request_timeout_ms, settings.session_timeout_ms + 5_000),
        metadata_max_age_ms=5_000,
        fetch_max_wait_ms=settings.fetch_max_wait_ms,
    )


async def ensure_topics(settings: KafkaSettings, topics: Iterable[str]) -> None:
    """Create missing topics with the configured partitions; existing ones are left alone."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap(settings), client_id=settings.client_id)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(name, settings.topic_partitions, settings.replication_factor)
            for name in sorted(set(topics) - existing)
        ]
        if missing:
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(missing)
    except KafkaError as exc:
        log.warning("kafka.ensure_topics_failed", error=str(exc))
    finally:
        await admin.close()
