"""Replaying dead letters once the cause is fixed: ``prodvor dead-letters replay WORKER``.

Dead letters are kept in PostgreSQL on both transports (Kafka also gets a copy on the worker's
dead-letter topic, for inspection). A replay runs the worker's handlers again through the same
processor, so idempotency holds: an event that was handled meanwhile counts as a duplicate, and
one that fails again becomes a new dead letter while the old row is marked replayed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update

from app.db import Database, utcnow
from app.events.envelope import Envelope
from app.events.models import DeadLetter
from app.events.processor import EventProcessor, Outcome


@dataclass(frozen=True)
class Replayed:
    dead_letter_id: int
    event_type: str
    outcome: Outcome


async def pending(
    db: Database, *, consumer: str | None = None, limit: int = 100
) -> list[DeadLetter]:
    async with db.session() as session:
        stmt = select(DeadLetter).where(DeadLetter.replayed_at.is_(None))
        if consumer is not None:
            stmt = stmt.where(DeadLetter.consumer == consumer)
        rows = await session.scalars(stmt.order_by(DeadLetter.id).limit(limit))
        return list(rows.all())


async def replay(
    db: Database, processor: EventProcessor, *, ids: Sequence[int] = (), limit: int = 100
) -> list[Replayed]:
    """Replay the worker's unreplayed dead letters (only ``ids`` when given), oldest first."""
    letters = await pending(db, consumer=processor.worker.name, limit=limit)
    if ids:
        letters = [letter for letter in letters if letter.id in set(ids)]
    done = []
    for letter in letters:
        envelope = Envelope.model_validate(letter.envelope)
        outcome = await processor.process(envelope)
        async with db.transaction() as session:
            await session.execute(
                update(DeadLetter).where(DeadLetter.id == letter.id).values(replayed_at=utcnow())
            )
        done.append(Replayed(letter.id, envelope.type, outcome))
    return done
