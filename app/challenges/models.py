"""Personal challenges (вызовы): a duel between two users with a PD wager.

The opponent's acceptance holds both wagers in escrow. Both sides report the outcome from
their own point of view; equal reports settle the challenge, different ones make it DISPUTED
for a moderator. Once accepted, it is called off only when both sides agree (or by a
moderator). The challenge's row is the lock for every change, so it settles once.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk, utcnow


class ChallengeStatus(StrEnum):
    PENDING = "PENDING"
    """Sent; the opponent has not answered."""
    DECLINED = "DECLINED"
    CANCELLED = "CANCELLED"
    ACCEPTED = "ACCEPTED"
    """Both wagers are held; nobody has reported the outcome yet. One side may have asked to
    call it off (``cancel_requested_by_id``)."""
    AWAITING_CONFIRMATION = "AWAITING_CONFIRMATION"
    DISPUTED = "DISPUTED"
    SETTLED = "SETTLED"


class Outcome(StrEnum):
    """A report, from the reporter's point of view."""

    WIN = "WIN"
    LOSS = "LOSS"
    DRAW = "DRAW"


class Verdict(StrEnum):
    CREATOR_WON = "CREATOR_WON"
    OPPONENT_WON = "OPPONENT_WON"
    DRAW = "DRAW"


def _enum(enum: type[StrEnum], name: str) -> Enum:
    return Enum(enum, name=name, native_enum=False, length=24)


class PersonalChallenge(Base):
    __tablename__ = "personal_challenges"
    __table_args__ = (
        CheckConstraint("creator_id <> opponent_id", name="two_people"),
        CheckConstraint("wager BETWEEN 0 AND 10000", name="wager_range"),
        Index("ix_personal_challenges_creator", "creator_id", "created_at", "id"),
        Index("ix_personal_challenges_opponent", "opponent_id", "created_at", "id"),
        Index(
            "ix_personal_challenges_confirm_by",
            "confirm_by",
            postgresql_where=text("status = 'AWAITING_CONFIRMATION'"),
        ),
    )

    id: Mapped[UUIDPk]
    creator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    opponent_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    sport_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sports.id"))
    title: Mapped[str] = mapped_column(String(50))
    wager: Mapped[int] = mapped_column(Integer)
    status: Mapped[ChallengeStatus] = mapped_column(
        _enum(ChallengeStatus, "personal_challenge_status"),
        default=ChallengeStatus.PENDING,
        server_default=ChallengeStatus.PENDING.value,
    )
    creator_report: Mapped[Outcome | None] = mapped_column(_enum(Outcome, "challenge_outcome"))
    opponent_report: Mapped[Outcome | None] = mapped_column(_enum(Outcome, "challenge_outcome"))
    verdict: Mapped[Verdict | None] = mapped_column(_enum(Verdict, "challenge_verdict"))
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    accepted_at: Mapped[datetime | None]
    cancel_requested_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    """The side that asked to call off the accepted challenge, waiting for the other's consent."""
    confirm_by: Mapped[datetime | None]
    """After the first report: when an unanswered report stands as the outcome, as for matches."""
    settled_at: Mapped[datetime | None]
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=text("now()"))

    def side_of(self, user_id: uuid.UUID) -> str | None:
        if user_id == self.creator_id:
            return "creator"
        if user_id == self.opponent_id:
            return "opponent"
        return None

    def winner_id(self) -> uuid.UUID | None:
        if self.verdict is Verdict.CREATOR_WON:
            return self.creator_id
        if self.verdict is Verdict.OPPONENT_WON:
            return self.opponent_id
        return None
