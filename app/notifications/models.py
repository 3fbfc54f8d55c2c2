from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, CreatedAt, UUIDPk, utcnow
from app.notifications.catalogue import Channel


class DeliveryStatus(StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"
    """Given up: a permanent refusal, or the last retry failed. ``last_error`` says why."""
    CANCELLED = "CANCELLED"
    """Not sent because the recipient turned the channel off before it went out."""


def _enum(enum: type[StrEnum], name: str) -> Enum:
    return Enum(enum, name=name, native_enum=False, length=16)


class Notification(Base):
    """One notice to one user, created at most once per source event, recipient and type.

    The row exists when any channel of the recipient wants it; ``in_app`` says whether it
    shows in the user's list (the other channels are ``NotificationDelivery`` rows).
    """

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("source_event_id", "recipient_id", "type"),
        Index(
            "ix_notifications_inbox",
            "recipient_id",
            "created_at",
            "id",
            postgresql_where=text("in_app"),
        ),
        Index(
            "ix_notifications_unread",
            "recipient_id",
            "created_at",
            "id",
            postgresql_where=text("in_app AND read_at IS NULL"),
        ),
    )

    id: Mapped[UUIDPk]
    recipient_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(500))
    """A route of the frontend, such as ``/teams/spartak``."""
    entity_type: Mapped[str | None] = mapped_column(String(32))
    entity_id: Mapped[uuid.UUID | None]
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    """Values the kind's email templates may use beyond title and body."""
    in_app: Mapped[bool] = mapped_column(Boolean)
    source_event_id: Mapped[uuid.UUID]
    created_at: Mapped[CreatedAt]
    read_at: Mapped[datetime | None]


class NotificationPreference(Base):
    """A user's explicit choice for one type and channel; absent rows mean the default."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    type: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[Channel] = mapped_column(
        _enum(Channel, "notification_channel"), primary_key=True
    )
    enabled: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[CreatedAt]


class PushSubscription(Base):
    """A browser's Web Push subscription; an endpoint belongs to one user at a time."""

    __tablename__ = "push_subscriptions"

    id: Mapped[UUIDPk]
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    endpoint: Mapped[str] = mapped_column(Text, unique=True)
    p256dh: Mapped[str] = mapped_column(String(128))
    auth: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=text("now()"))


class NotificationDelivery(Base):
    """Sending one notification over email or push (to one browser), with its retries.

    Handlers only insert these; a background loop of the notifications worker sends them, so
    an unreachable SMTP server delays mail without holding up events or losing anything.
    """

    __tablename__ = "notification_deliveries"
    __table_args__ = (
        Index(
            "ix_notification_deliveries_due",
            "next_attempt_at",
            postgresql_where=text("status = 'PENDING'"),
        ),
        Index("ix_notification_deliveries_recent", "created_at", "id"),
        Index("ix_notification_deliveries_recipient", "recipient_id", "created_at", "id"),
    )

    id: Mapped[UUIDPk]
    notification_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("notifications.id", ondelete="CASCADE"), index=True
    )
    recipient_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "notification_channel"))
    push_subscription_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("push_subscriptions.id", ondelete="SET NULL"), index=True
    )
    target: Mapped[str] = mapped_column(String(320))
    """The email address, or the push service's host: what support needs to see."""
    status: Mapped[DeliveryStatus] = mapped_column(
        _enum(DeliveryStatus, "delivery_status"), default=DeliveryStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=text("now()"))
    sent_at: Mapped[datetime | None]

    notification: Mapped[Notification] = relationship(lazy="raise")
    push_subscription: Mapped[PushSubscription | None] = relationship(lazy="raise")
