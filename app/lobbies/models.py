"""Looking-for-game lobbies and their participants.

A lobby stores no status: it is derived from the clock, the start, the duration, the number
of participants and the cancellation (``status_at``), so it can never go stale. The lobby's
row is the lock for joining and leaving; ``participant_count`` is kept under that lock.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Double,
    Enum,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk


class LobbyKind(StrEnum):
    GAME = "GAME"
    TRAINING = "TRAINING"


class LobbyStatus(StrEnum):
    OPEN = "OPEN"
    FULL = "FULL"
    IN_PROGRESS = "IN_PROGRESS"
    FINISHED = "FINISHED"
    CANCELLED = "CANCELLED"


class Lobby(Base):
    __tablename__ = "lfg_lobbies"
    __table_args__ = (
        CheckConstraint("duration_minutes BETWEEN 30 AND 240", name="duration_range"),
        CheckConstraint("players_needed BETWEEN 2 AND 22", name="players_needed_range"),
        CheckConstraint(
            "participant_count BETWEEN 0 AND players_needed", name="participants_within_need"
        ),
        Index("ix_lfg_lobbies_starts", "starts_at", "id"),
        Index("ix_lfg_lobbies_sport_starts", "sport_id", "starts_at", "id"),
    )

    id: Mapped[UUIDPk]
    kind: Mapped[LobbyKind] = mapped_column(
        Enum(LobbyKind, name="lobby_kind", native_enum=False, length=16)
    )
    sport_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sports.id"))
    playground_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("playgrounds.id"))
    place: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float] = mapped_column(Double)
    longitude: Mapped[float] = mapped_column(Double)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    duration_minutes: Mapped[int] = mapped_column(SmallInteger)
    players_needed: Mapped[int] = mapped_column(SmallInteger)
    participant_count: Mapped[int] = mapped_column(
        SmallInteger, default=1, server_default=text("1")
    )
    comment: Mapped[str | None] = mapped_column(Text)
    creator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    cancelled_at: Mapped[datetime | None]
    created_at: Mapped[CreatedAt]

    def status_at(self, now: datetime) -> LobbyStatus:
        if self.cancelled_at is not None:
            return LobbyStatus.CANCELLED
        if now >= self.ends_at:
            return LobbyStatus.FINISHED
        if now >= self.starts_at:
            return LobbyStatus.IN_PROGRESS
        if self.participant_count >= self.players_needed:
            return LobbyStatus.FULL
        return LobbyStatus.OPEN


class LobbyParticipant(Base):
    __tablename__ = "lfg_lobby_participants"
    __table_args__ = (Index("ix_lfg_lobby_participants_user", "user_id"),)

    lobby_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lfg_lobbies.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True)
    joined_at: Mapped[CreatedAt]
