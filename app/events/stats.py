"""Numbers about the event pipeline for the metrics endpoint and the runbook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.db import Database
from app.events.models import ConsumerOffset, DeadLetter, OutboxEvent


@dataclass(frozen=True)
class PipelineStats:
    outbox_backlog: int
    """Committed events not yet published."""
    relay_lag_seconds: float
    """Age of the oldest unpublished event (0 when the backlog is empty)."""
    local_consumer_lag: dict[str, int]
    """Per in-process consumer: published events it has not handled yet."""
    dead_letters: dict[str, int]


async def pipeline_stats(db: Database, now: datetime) -> PipelineStats:
    async with db.session() as session:
        backlog, oldest = (
            await session.execute(
                select(func.count(), func.min(OutboxEvent.created_at)).where(
                    OutboxEvent.published_at.is_(None)
                )
            )
        ).one()
        newest = await session.scalar(select(func.max(OutboxEvent.published_seq))) or 0
        offsets = (
            await session.execute(select(ConsumerOffset.consumer, ConsumerOffset.position))
        ).all()
        dead = (
            await session.execute(
                select(DeadLetter.consumer, func.count())
                .where(DeadLetter.replayed_at.is_(None))
                .group_by(DeadLetter.consumer)
            )
        ).all()
    return PipelineStats(
        outbox_backlog=int(backlog),
        relay_lag_seconds=max((now - oldest).total_seconds(), 0.0) if oldest else 0.0,
        local_consumer_lag={name: max(int(newest) - int(pos), 0) for name, pos in offsets},
        dead_letters={name: int(count) for name, count in dead},
    )
