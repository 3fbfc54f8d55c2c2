"""Achievements (conditions as data) and what each user has reached."""

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


class Rarity(StrEnum):
    COMMON = "COMMON"
    RARE = "RARE"
    EPIC = "EPIC"


class Achievement(Base):
    """Unlocked when the user's total of the named activities reaches ``threshold``.

    A "first X" is a threshold of 1; "score 10 goals" counts an activity whose quantity is the
    goals of a match. Activities must carry ``filters`` (JSON containment) to count.
    """

    __tablename__ = "achievements"
    __table_args__ = (CheckConstraint("threshold > 0", name="threshold_positive"),)

    id: Mapped[UUIDPk]
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text)
    icon: Mapped[str] = mapped_column(String(40))
    """A lucide icon name."""
    rarity: Mapped[Rarity] = mapped_column(
        Enum(Rarity, name="achievement_rarity", native_enum=False, length=16),
        default=Rarity.COMMON,
        server_default=Rarity.COMMON.value,
    )
    activities: Mapped[list[str]] = mapped_column(ARRAY(String(60)))
    filters: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    threshold: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[CreatedAt]


class UserAchievement(Base):
    """Progress towards one achievement; ``unlocked_at`` is set once and never again."""

    __tablename__ = "user_achievements"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True)
    achievement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("achievements.id"), primary_key=True
    )
    progress: Mapped[int] = mapped_column(Integer)
    unlocked_at: Mapped[datetime | None]
