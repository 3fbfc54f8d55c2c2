from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    ARRAY,
    CheckConstraint,
    Computed,
    Double,
    Enum,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk, utcnow
from app.playgrounds.values import ConditionCategory, PlaygroundType, Severity, Surface


class PlaygroundStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


class ReportStatus(StrEnum):
    OPEN = "OPEN"
    RESOLVED = "RESOLVED"


def _enum(enum: type[StrEnum], name: str, length: int = 24) -> Enum:
    return Enum(enum, name=name, native_enum=False, length=length)


APPROVED = text("status = 'APPROVED'")


class Playground(Base):
    """A playground; its row is the lock for its reviews' aggregate and its moderation.

    Rejected playgrounds are kept (with the reason) rather than deleted, so the proposer can
    see why. ``rating_sum``/``review_count`` and ``check_in_count`` are maintained by the
    services in the transaction of the change.
    """

    __tablename__ = "playgrounds"
    __table_args__ = (
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
        CheckConstraint("review_count >= 0 AND rating_sum >= review_count", name="rating_totals"),
        Index(
            "ix_playgrounds_location",
            func.point(text("longitude"), text("latitude")),
            postgresql_using="gist",
            postgresql_where=APPROVED,
        ),
        Index(
            "ix_playgrounds_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
        Index("ix_playgrounds_search_vector", "search_vector", postgresql_using="gin"),
        Index(
            "ix_playgrounds_by_name",
            func.lower(text("name")),
            "id",
            postgresql_where=APPROVED,
        ),
        Index("ix_playgrounds_city_lower", func.lower(text("city")), postgresql_where=APPROVED),
        Index(
            "ix_playgrounds_pending",
            "created_at",
            "id",
            postgresql_where=text("status = 'PENDING'"),
        ),
        Index("ix_playgrounds_proposed_by", "proposed_by_id", "created_at", "id"),
    )

    id: Mapped[UUIDPk]
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(300))
    city: Mapped[str] = mapped_column(String(100))
    latitude: Mapped[float] = mapped_column(Double)
    longitude: Mapped[float] = mapped_column(Double)
    type: Mapped[PlaygroundType] = mapped_column(_enum(PlaygroundType, "playground_type"))
    surface: Mapped[Surface] = mapped_column(_enum(Surface, "playground_surface"))
    features: Mapped[list[str]] = mapped_column(
        ARRAY(String(32)), default=list, server_default="{}"
    )
    photo_urls: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list, server_default="{}")
    search_text: Mapped[str] = mapped_column(
        Text, Computed("lower(name || ' ' || address)", persisted=True)
    )
    search_vector: Mapped[str] = mapped_column(
        TSVECTOR,
        Computed("to_tsvector('russian'::regconfig, name || ' ' || address)", persisted=True),
    )

    status: Mapped[PlaygroundStatus] = mapped_column(
        _enum(PlaygroundStatus, "playground_status", 16),
        default=PlaygroundStatus.PENDING,
        server_default=PlaygroundStatus.PENDING.value,
    )
    proposed_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    moderated_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    moderated_at: Mapped[datetime | None]
    moderation_reason: Mapped[str | None] = mapped_column(Text)

    review_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    rating_sum: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    check_in_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=text("now()")
    )

    @property
    def rating(self) -> float | None:
        """The average review rating; ``None`` before the first review."""
        return self.rating_sum / self.review_count if self.review_count else None


class PlaygroundSport(Base):
    __tablename__ = "playground_sports"

    playground_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("playgrounds.id"), primary_key=True)
    sport_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sports.id"), primary_key=True, index=True
    )


class PlaygroundReview(Base):
    """One per user and playground; writing again edits it."""

    __tablename__ = "playground_reviews"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
        Index("uq_playground_reviews_author", "playground_id", "author_id", unique=True),
        Index("ix_playground_reviews_recent", "playground_id", "created_at", "id"),
    )

    id: Mapped[UUIDPk]
    playground_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("playgrounds.id"))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    rating: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=text("now()"))


class PlaygroundCheckIn(Base):
    """At most one per user, playground and calendar day (in the configured time zone)."""

    __tablename__ = "playground_check_ins"
    __table_args__ = (
        Index("uq_playground_check_ins_daily", "playground_id", "user_id", "day", unique=True),
        Index("ix_playground_check_ins_user", "user_id", "created_at"),
    )

    id: Mapped[UUIDPk]
    playground_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("playgrounds.id"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    day: Mapped[date]
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[CreatedAt]


class PlaygroundVisitor(Base):
    """A user's check-ins at one playground, counted for the playground's leaderboard."""

    __tablename__ = "playground_visitors"
    __table_args__ = (
        Index(
            "ix_playground_visitors_leaderboard",
            "playground_id",
            text("check_ins DESC"),
            "reached_at",
            "user_id",
        ),
    )

    playground_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("playgrounds.id"), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True)
    check_ins: Mapped[int] = mapped_column(Integer)
    reached_at: Mapped[datetime]
    """When the count last grew: of two equal counts, the one reached first ranks higher."""


class ConditionReport(Base):
    """A report about the playground's state; the newest open one is its current condition.

    ``severity`` and ``summary`` are left empty here and filled later by the AI triage.
    """

    __tablename__ = "playground_condition_reports"
    __table_args__ = (
        Index(
            "ix_playground_condition_reports_open",
            "playground_id",
            text("created_at DESC"),
            text("id DESC"),
            postgresql_where=text("status = 'OPEN'"),
        ),
        Index("ix_playground_condition_reports_queue", "status", "created_at", "id"),
    )

    id: Mapped[UUIDPk]
    playground_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("playgrounds.id"))
    reporter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    category: Mapped[ConditionCategory] = mapped_column(
        _enum(ConditionCategory, "condition_category")
    )
    comment: Mapped[str] = mapped_column(Text)
    status: Mapped[ReportStatus] = mapped_column(
        _enum(ReportStatus, "condition_report_status", 16),
        default=ReportStatus.OPEN,
        server_default=ReportStatus.OPEN.value,
    )
    severity: Mapped[Severity | None] = mapped_column(_enum(Severity, "condition_severity", 16))
    summary: Mapped[str | None] = mapped_column(Text)
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[CreatedAt]


class CourtWin(Base):
    """A confirmed match won at a playground; the match id makes recording it idempotent."""

    __tablename__ = "playground_court_wins"

    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id"), primary_key=True)
    playground_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("playgrounds.id"))
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"))
    recorded_at: Mapped[CreatedAt]


class CourtStanding(Base):
    """Confirmed wins of one team at one playground; the top row is the king of the court."""

    __tablename__ = "playground_court_standings"
    __table_args__ = (
        Index(
            "ix_playground_court_standings_king",
            "playground_id",
            text("wins DESC"),
            "reached_at",
            "team_id",
        ),
    )

    playground_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("playgrounds.id"), primary_key=True)
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    wins: Mapped[int] = mapped_column(Integer)
    reached_at: Mapped[datetime]
    """When ``wins`` last grew: a challenger must win more, not as many, to take the crown."""
