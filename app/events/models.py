from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Identity, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt


class OutboxEvent(Base):
    """An event committed with the change that caused it, waiting for (or done with) the relay.

    ``seq`` orders rows by insertion. ``published_seq`` is assigned by the relay, which runs one
    batch at a time, so it increases in commit order without gaps that could later be filled:
    in-process consumers read by it and never skip an event committed late.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_unpublished", "seq", postgresql_where=text("published_at IS NULL")),
        Index("ix_outbox_published_at", "published_at"),
        Index("uq_outbox_published_seq", "published_seq", unique=True),
    )

    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(unique=True)
    topic: Mapped[str] = mapped_column(String(100))
    key: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    headers: Mapped[dict[str, str]] = mapped_column(JSONB, default=dict, server_default="{}")
    actor_id: Mapped[uuid.UUID | None]
    occurred_at: Mapped[datetime]
    created_at: Mapped[CreatedAt]
    published_seq: Mapped[int | None] = mapped_column(BigInteger)
    published_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)


class ProcessedEvent(Base):
    """A consumer handled this event; a redelivery finds the row and does nothing."""

    __tablename__ = "processed_events"

    consumer: Mapped[str] = mapped_column(String(100), primary_key=True)
    event_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    processed_at: Mapped[CreatedAt]


class ConsumerOffset(Base):
    """Position of an in-process (local transport) consumer group in ``published_seq``."""

    __tablename__ = "consumer_offsets"

    consumer: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[CreatedAt]


class DeadLetter(Base):
    """An event a consumer gave up on after its retries, kept with the error for replay."""

    __tablename__ = "dead_letters"

    id: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    consumer: Mapped[str] = mapped_column(String(100), index=True)
    event_id: Mapped[uuid.UUID]
    envelope: Mapped[dict[str, Any]] = mapped_column(JSONB)
    error: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[CreatedAt]
    replayed_at: Mapped[datetime | None]
