"""Appending events to the outbox, inside the transaction of the change.

A rollback (of the operation, or of a mutation's savepoint) removes the events with the
change; nothing is published before commit. The ``INSERT`` of the rows also wakes the relay
with a ``NOTIFY``, which PostgreSQL delivers only on commit (once per transaction) and drops
with a rolled-back savepoint, like the rows.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import event, func, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.db import table_of
from app.events.base import Event
from app.events.envelope import Envelope
from app.events.models import OutboxEvent
from app.observability.tracing import trace_headers

NOTIFY_CHANNEL = "prodvor_outbox"
_EMITTED = "prodvor.outbox.emitted"
_ROWS = "prodvor.outbox.rows"


def emit(
    session: AsyncSession,
    event: Event,
    *,
    actor_id: uuid.UUID | None,
    occurred_at: datetime | None = None,
) -> Envelope:
    """Record ``event`` in the outbox; it is flushed with the session's other changes.

    Emit while holding the aggregate's row lock when concurrent writers are possible, so that
    insertion order matches commit order for that aggregate.
    """
    envelope = Envelope.wrap(
        event, actor_id=actor_id, occurred_at=occurred_at, headers=trace_headers()
    )
    row = to_row(envelope)
    session.add(row)
    session.sync_session.info.setdefault(_ROWS, []).append(row)
    session.sync_session.info.setdefault(_EMITTED, set()).add((envelope.topic, envelope.type))
    return envelope


def take_emitted(session: AsyncSession) -> set[tuple[str, str]]:
    """The (topic, type) of the events recorded since the last call, for caches of this
    process that the commit invalidates (savepoints rolled back included: that only drops
    more)."""
    emitted: set[tuple[str, str]] = session.sync_session.info.pop(_EMITTED, set())
    return emitted


def to_row(envelope: Envelope) -> OutboxEvent:
    return OutboxEvent(
        id=envelope.id,
        topic=envelope.topic,
        key=envelope.key,
        type=envelope.type,
        version=envelope.version,
        payload=envelope.payload,
        headers=dict(envelope.headers),
        actor_id=envelope.actor_id,
        occurred_at=envelope.occurred_at,
    )


def to_envelope(row: OutboxEvent) -> Envelope:
    return Envelope(
        id=row.id,
        type=row.type,
        version=row.version,
        topic=row.topic,
        key=row.key,
        occurred_at=row.occurred_at,
        actor_id=row.actor_id,
        payload=row.payload,
        headers=row.headers or {},
    )


@event.listens_for(Session, "before_flush")
def _insert_rows(session: Session, flush_context: Any, instances: Any) -> None:
    """Write the emitted rows still pending with one plain ``INSERT``, in emit order, and let
    the session forget them: nothing reads them back, and the unit of work's care for each
    (fetching its ``seq``, tracking its state) costs several times the ``INSERT`` itself.

    Until the flush they are ordinary pending objects, so a savepoint rolled back before it
    drops them like any other change; after it, the rollback undoes the ``INSERT``.
    """
    emitted: list[OutboxEvent] = session.info.pop(_ROWS, [])
    rows = [row for row in emitted if row in session.new]
    if not rows:
        return
    session.connection().execute(_INSERT, [_values(row) for row in rows])
    for row in rows:
        session.expunge(row)


_TABLE = table_of(OutboxEvent)
_INSERT = insert(_TABLE).returning(func.pg_notify(NOTIFY_CHANNEL, ""))
"""Given all rows at once, still one statement (``insertmanyvalues``), the wake-up included."""
_EMITTED_COLUMNS = (
    "id",
    "topic",
    "key",
    "type",
    "version",
    "payload",
    "headers",
    "actor_id",
    "occurred_at",
)


def _values(row: OutboxEvent) -> dict[str, Any]:
    """What ``to_row`` sets; the table's defaults fill the rest, as for an ORM insert."""
    return {name: getattr(row, name) for name in _EMITTED_COLUMNS}
