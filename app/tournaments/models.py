from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    CheckConstraint,
    Double,
    Enum,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY as PG_ARRAY
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk, utcnow


class TournamentStatus(StrEnum):
    DRAFT = "DRAFT"
    ANNOUNCED = "ANNOUNCED"
    REGISTRATION = "REGISTRATION"
    IN_PROGRESS = "IN_PROGRESS"
    SUSPENDED = "SUSPENDED"
    FINISHED = "FINISHED"
    CANCELLED = "CANCELLED"


class TournamentFormat(StrEnum):
    SINGLE_ELIMINATION = "SINGLE_ELIMINATION"
    DOUBLE_ELIMINATION = "DOUBLE_ELIMINATION"
    ROUND_ROBIN = "ROUND_ROBIN"
    SWISS = "SWISS"
    GROUPS_PLAYOFF = "GROUPS_PLAYOFF"


class SeedingMethod(StrEnum):
    RATING = "RATING"
    MANUAL = "MANUAL"
    RANDOM = "RANDOM"


class EntryStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"
    CANCELLED = "CANCELLED"
    """Closed by the tournament's cancellation."""


def _enum(enum: type[StrEnum], name: str, length: int = 24) -> Enum:
    return Enum(enum, name=name, native_enum=False, length=length)


LIVE_ENTRY = text("status IN ('PENDING', 'APPROVED')")


class Tournament(Base):
    """A tournament; its row is the lock for registration, the bracket and advancement.

    The bracket is not stored: it is regenerated from the format settings and the approved
    entries' seeds (``app.tournaments.formats`` is deterministic), and ``tournament_matches``
    records which slot became which match and the confirmed outcome of each.
    """

    __tablename__ = "tournaments"
    __table_args__ = (
        CheckConstraint("capacity BETWEEN 4 AND 128", name="capacity_range"),
        CheckConstraint("entry_fee >= 0", name="entry_fee_non_negative"),
        Index("ix_tournaments_starts", "starts_at", "id"),
        Index("ix_tournaments_sport_status", "sport_id", "status"),
    )

    id: Mapped[UUIDPk]
    slug: Mapped[str] = mapped_column(String(140), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    sport_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sports.id"))
    organizer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    city: Mapped[str] = mapped_column(String(100))
    playground_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("playgrounds.id"))
    description: Mapped[str | None] = mapped_column(Text)
    rules: Mapped[str | None] = mapped_column(Text)
    prize: Mapped[str | None] = mapped_column(Text)
    status: Mapped[TournamentStatus] = mapped_column(
        _enum(TournamentStatus, "tournament_status", 16),
        default=TournamentStatus.DRAFT,
        server_default=TournamentStatus.DRAFT.value,
    )
    format: Mapped[TournamentFormat] = mapped_column(_enum(TournamentFormat, "tournament_format"))
    capacity: Mapped[int] = mapped_column(SmallInteger)
    registration_opens_at: Mapped[datetime]
    registration_closes_at: Mapped[datetime]
    starts_at: Mapped[datetime]
    round_interval_minutes: Mapped[int] = mapped_column(Integer, default=120, server_default="120")
    entry_fee: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """In PD; held in escrow on application, paid to the organizer at the finish (``fees``)."""
    roster_min: Mapped[int] = mapped_column(SmallInteger, default=1, server_default="1")
    roster_max: Mapped[int | None] = mapped_column(SmallInteger)
    rating_min: Mapped[float | None] = mapped_column(Double)
    rating_max: Mapped[float | None] = mapped_column(Double)
    age_min: Mapped[int | None] = mapped_column(SmallInteger)
    age_max: Mapped[int | None] = mapped_column(SmallInteger)
    check_in_required: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    third_place: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    double_round_robin: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    swiss_rounds: Mapped[int | None] = mapped_column(SmallInteger)
    group_count: Mapped[int | None] = mapped_column(SmallInteger)
    advance_per_group: Mapped[int | None] = mapped_column(SmallInteger)
    seeding: Mapped[SeedingMethod] = mapped_column(
        _enum(SeedingMethod, "tournament_seeding", 16),
        default=SeedingMethod.RATING,
        server_default=SeedingMethod.RATING.value,
    )
    seeding_seed: Mapped[int | None] = mapped_column(BigInteger)
    """The recorded seed of a random draw, so the draw can be replayed."""
    points_win: Mapped[int] = mapped_column(SmallInteger, default=3, server_default="3")
    points_draw: Mapped[int] = mapped_column(SmallInteger, default=1, server_default="1")
    points_loss: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    tie_breakers: Mapped[list[str]] = mapped_column(
        ARRAY(String(24)), default=list, server_default="{}"
    )
    champion_team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"))
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Bumped by every change a subscriber should see."""
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    suspended_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=text("now()"))


class TournamentEntry(Base):
    """A team's application to a tournament with its roster; approved entries take part."""

    __tablename__ = "tournament_entries"
    __table_args__ = (
        Index(
            "uq_tournament_entries_live",
            "tournament_id",
            "team_id",
            unique=True,
            postgresql_where=LIVE_ENTRY,
        ),
        Index("ix_tournament_entries_team", "team_id", "status"),
    )

    id: Mapped[UUIDPk]
    tournament_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tournaments.id"))
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"))
    roster_user_ids: Mapped[list[uuid.UUID]] = mapped_column(PG_ARRAY(UUID(as_uuid=True)))
    status: Mapped[EntryStatus] = mapped_column(
        _enum(EntryStatus, "tournament_entry_status", 16),
        default=EntryStatus.PENDING,
        server_default=EntryStatus.PENDING.value,
    )
    applied_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    seed: Mapped[int | None] = mapped_column(SmallInteger)
    """1-based, fixed when the tournament starts."""
    placement: Mapped[int | None] = mapped_column(SmallInteger)
    checked_in_at: Mapped[datetime | None]
    created_at: Mapped[CreatedAt]
    decided_at: Mapped[datetime | None]


class TournamentJudge(Base):
    __tablename__ = "tournament_judges"

    tournament_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tournaments.id"), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    assigned_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime]


class TournamentAnnouncement(Base):
    __tablename__ = "tournament_announcements"
    __table_args__ = (Index("ix_tournament_announcements", "tournament_id", "created_at", "id"),)

    id: Mapped[UUIDPk]
    tournament_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tournaments.id"))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[CreatedAt]


class TournamentMatch(Base):
    """A bracket slot that became a match (or a Swiss bye: no match, no away seed).

    ``home_seed``/``away_seed`` are 0-based seed indices. The outcome is copied from the
    match's confirmation, once: a row with ``confirmed_at`` set never advances anyone again.
    """

    __tablename__ = "tournament_matches"

    tournament_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tournaments.id"), primary_key=True)
    slot_key: Mapped[str] = mapped_column(String(24), primary_key=True)
    match_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("matches.id"), unique=True)
    round: Mapped[int] = mapped_column(SmallInteger)
    home_seed: Mapped[int] = mapped_column(SmallInteger)
    away_seed: Mapped[int | None] = mapped_column(SmallInteger)
    home_score: Mapped[int | None] = mapped_column(Integer)
    away_score: Mapped[int | None] = mapped_column(Integer)
    winner_side: Mapped[str | None] = mapped_column(String(4))
    confirmed_at: Mapped[datetime | None]
    created_at: Mapped[CreatedAt]
