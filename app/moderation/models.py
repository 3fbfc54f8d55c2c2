"""User reports and the audit trail of moderators' actions (bans live on ``users``)."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ARRAY, CheckConstraint, Enum, ForeignKey, Index, SmallInteger, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk


class ReportCategory(StrEnum):
    ABUSE = "ABUSE"
    """Оскорбления в чате."""
    CHEATING = "CHEATING"
    SPAM = "SPAM"
    UNSPORTSMANLIKE = "UNSPORTSMANLIKE"
    OTHER = "OTHER"


class ReportStatus(StrEnum):
    PENDING = "PENDING"
    RESOLVED = "RESOLVED"


class ModerationAction(StrEnum):
    NO_ACTION = "NO_ACTION"
    WARN = "WARN"
    TEMP_BAN = "TEMP_BAN"
    PERM_BAN = "PERM_BAN"


def _enum(enum: type[StrEnum], name: str) -> Enum:
    return Enum(enum, name=name, native_enum=False, length=16)


class UserReport(Base):
    __tablename__ = "user_reports"
    __table_args__ = (
        CheckConstraint("reporter_id <> reported_user_id", name="not_self"),
        Index(
            "uq_user_reports_pending_pair",
            "reporter_id",
            "reported_user_id",
            unique=True,
            postgresql_where=text("status = 'PENDING'"),
        ),
        Index("ix_user_reports_queue", "status", "created_at", "id"),
    )

    id: Mapped[UUIDPk]
    reporter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reported_user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    category: Mapped[ReportCategory] = mapped_column(_enum(ReportCategory, "report_category"))
    description: Mapped[str | None] = mapped_column(Text)
    evidence_urls: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list, server_default="{}")
    status: Mapped[ReportStatus] = mapped_column(
        _enum(ReportStatus, "report_status"),
        default=ReportStatus.PENDING,
        server_default=ReportStatus.PENDING.value,
    )
    action: Mapped[ModerationAction | None] = mapped_column(
        _enum(ModerationAction, "moderation_action")
    )
    resolver_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    resolution_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[CreatedAt]
    resolved_at: Mapped[datetime | None]


class ModerationLogEntry(Base):
    """Append-only: who did what to whom, when and why."""

    __tablename__ = "moderation_log"
    __table_args__ = (Index("ix_moderation_log_created", "created_at", "id"),)

    id: Mapped[UUIDPk]
    moderator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    target_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    report_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_reports.id"))
    action: Mapped[ModerationAction] = mapped_column(_enum(ModerationAction, "moderation_action"))
    ban_days: Mapped[int | None] = mapped_column(SmallInteger)
    banned_until: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[CreatedAt]
