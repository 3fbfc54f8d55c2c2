"""Activities (what the feed shows), their likes and comments."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk


class ActivityType(StrEnum):
    STATUS_POSTED = "STATUS_POSTED"
    MATCH_PLAYED = "MATCH_PLAYED"
    TEAM_JOINED = "TEAM_JOINED"
    TOURNAMENT_REGISTERED = "TOURNAMENT_REGISTERED"
    ACHIEVEMENT_UNLOCKED = "ACHIEVEMENT_UNLOCKED"
    PLAYGROUND_CHECK_IN = "PLAYGROUND_CHECK_IN"


class Activity(Base):
    """One feed item, by a user (``user_id``) or about a team (``team_id``), or both.

    ``source_key`` names the domain fact an activity was written from (``match:<id>:<user>``),
    so an event delivered twice writes it once; status posts have none.
    """

    __tablename__ = "activities"
    __table_args__ = (
        Index("ix_activities_user_feed", "user_id", text("created_at DESC"), text("id DESC")),
        Index(
            "ix_activities_team_feed",
            "team_id",
            text("created_at DESC"),
            text("id DESC"),
            postgresql_where=text("team_id IS NOT NULL"),
        ),
    )

    id: Mapped[UUIDPk]
    type: Mapped[ActivityType] = mapped_column(
        Enum(ActivityType, name="activity_type", native_enum=False, length=32)
    )
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    playground_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("playgrounds.id", ondelete="CASCADE")
    )
    subject_id: Mapped[uuid.UUID | None]
    """The match, tournament or achievement the activity is about."""
    text: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    source_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_at: Mapped[CreatedAt]


class ActivityLike(Base):
    __tablename__ = "activity_likes"

    activity_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[CreatedAt]


class ActivityComment(Base):
    __tablename__ = "activity_comments"
    __table_args__ = (Index("ix_activity_comments_activity", "activity_id", "created_at", "id"),)

    id: Mapped[UUIDPk]
    activity_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[CreatedAt]
    edited_at: Mapped[datetime | None]
