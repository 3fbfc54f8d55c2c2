"""Quests (definitions as data) and each user's progress per period."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ARRAY,
    Boolean,
    CheckConstraint,
    Enum,
    ForeignKey,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk
from app.periods import Period


class QuestType(StrEnum):
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    SPECIAL = "SPECIAL"
    """One-off (onboarding, "first team")."""
    EVENT = "EVENT"
    """One-off within its active window (a tournament, a season)."""

    @property
    def period(self) -> Period:
        return {QuestType.DAILY: Period.DAY, QuestType.WEEKLY: Period.WEEK}.get(
            self, Period.FOREVER
        )


class Quest(Base):
    """Count ``goal`` units of the named activities (matching ``filters``) within a period."""

    __tablename__ = "quests"
    __table_args__ = (
        CheckConstraint("goal > 0", name="goal_positive"),
        CheckConstraint("reward_pd >= 0 AND reward_xp >= 0", name="rewards_not_negative"),
        CheckConstraint(
            "ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at", name="window"
        ),
    )

    id: Mapped[UUIDPk]
    code: Mapped[str] = mapped_column(String(60), unique=True)
    type: Mapped[QuestType] = mapped_column(
        Enum(QuestType, name="quest_type", native_enum=False, length=16)
    )
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text)
    href: Mapped[str | None] = mapped_column(String(200))
    """The page where the quest is done (``/matches``)."""
    activities: Mapped[list[str]] = mapped_column(ARRAY(String(60)))
    """Counted activities (``team.created``); any of them advances the quest."""
    filters: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    """Attributes an activity must carry to count (JSON containment)."""
    goal: Mapped[int] = mapped_column(Integer)
    reward_pd: Mapped[int] = mapped_column(Integer)
    reward_xp: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[CreatedAt]

    def open_at(self, at: datetime) -> bool:
        started = self.starts_at is None or self.starts_at <= at
        return self.active and started and (self.ends_at is None or at < self.ends_at)


class QuestProgress(Base):
    """A user's count for one quest in one period (``2026-11-27``, ``2026-W48``, ``once``).

    A new period is a new row, which is how daily and weekly quests start over.
    """

    __tablename__ = "quest_progress"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True)
    quest_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("quests.id"), primary_key=True)
    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    progress: Mapped[int] = mapped_column(Integer)
    completed_at: Mapped[datetime | None]
    claimed_at: Mapped[datetime | None]
