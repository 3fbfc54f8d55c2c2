from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    ARRAY,
    CheckConstraint,
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
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk, utcnow


class MatchStatus(StrEnum):
    SCHEDULED = "SCHEDULED"
    LIVE = "LIVE"
    AWAITING_CONFIRMATION = "AWAITING_CONFIRMATION"
    """One side reported the score; the other has until ``confirm_by`` to answer."""
    CONFIRMED = "CONFIRMED"
    DISPUTED = "DISPUTED"
    CANCELLED = "CANCELLED"


class ResultKind(StrEnum):
    """How a confirmed result came about."""

    AGREED = "AGREED"
    """Both captains reported the same score."""
    AUTO_CONFIRMED = "AUTO_CONFIRMED"
    """One report, not answered before the deadline."""
    RESOLVED = "RESOLVED"
    """A judge or moderator decided the dispute."""
    TECHNICAL = "TECHNICAL"
    """Awarded without a game (no-show)."""


class ChallengeStatus(StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    WITHDRAWN = "WITHDRAWN"
    """The challenger's captain took the challenge back before it was accepted."""
    EXPIRED = "EXPIRED"
    """The proposed time passed before anyone accepted; see ``Challenge.status_at``."""


class MatchEventType(StrEnum):
    """The protocol's event types (the old prototype's ``MatchEventType``)."""

    GOAL = "GOAL"
    ASSIST = "ASSIST"
    YELLOW_CARD = "YELLOW_CARD"
    RED_CARD = "RED_CARD"
    SUBSTITUTION = "SUBSTITUTION"
    SHOT = "SHOT"
    SHOT_ON_TARGET = "SHOT_ON_TARGET"
    CORNER = "CORNER"
    FOUL = "FOUL"
    KILL = "KILL"
    DEATH = "DEATH"
    ASSIST_ESPORTS = "ASSIST_ESPORTS"
    BOMB_PLANTED = "BOMB_PLANTED"
    BOMB_DEFUSED = "BOMB_DEFUSED"
    ROUND_WIN = "ROUND_WIN"
    ROUND_LOSS = "ROUND_LOSS"
    OTHER = "OTHER"


class SubjectKind(StrEnum):
    TEAM = "TEAM"
    PLAYER = "PLAYER"


def _enum(enum: type[StrEnum], name: str, length: int = 24) -> Enum:
    return Enum(enum, name=name, native_enum=False, length=length)


class Challenge(Base):
    """A captain's invitation to a friendly match (вызов), answered by the other captain.

    ``awaiting_team_id`` is the side whose captain must answer: the challenged team at first,
    and after every counter-proposal of the time, the side that did not propose it.

    A pending challenge whose proposed time has passed is expired as soon as the time passes,
    with no job to mark it: readers ask ``status_at(now)``, and the stored status turns
    ``EXPIRED`` only when a new challenge between the same teams needs the pair's one pending
    slot (``uq_match_challenges_pending_pair``).
    """

    __tablename__ = "match_challenges"
    __table_args__ = (
        CheckConstraint("from_team_id <> to_team_id", name="two_teams"),
        Index(
            "uq_match_challenges_pending_pair",
            func.least(text("from_team_id"), text("to_team_id")),
            func.greatest(text("from_team_id"), text("to_team_id")),
            unique=True,
            postgresql_where=text("status = 'PENDING'"),
        ),
        Index("ix_match_challenges_from", "from_team_id", "created_at", "id"),
        Index("ix_match_challenges_to", "to_team_id", "created_at", "id"),
    )

    id: Mapped[UUIDPk]
    from_team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"))
    to_team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"))
    sport_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sports.id"))
    playground_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("playgrounds.id"))
    proposed_at: Mapped[datetime]
    message: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ChallengeStatus] = mapped_column(
        _enum(ChallengeStatus, "match_challenge_status", 16),
        default=ChallengeStatus.PENDING,
        server_default=ChallengeStatus.PENDING.value,
    )
    awaiting_team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"))
    created_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    answered_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    """Who last answered the challenge, or withdrew it."""
    match_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("matches.id"))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=text("now()"))

    def status_at(self, now: datetime) -> ChallengeStatus:
        if self.status is ChallengeStatus.PENDING and self.proposed_at <= now:
            return ChallengeStatus.EXPIRED
        return self.status


class Match(Base):
    """A match between two teams; its row is the lock for everything about the match.

    Scores are the confirmed ones (``NULL`` until then); what each side reported is in
    ``match_reports``. ``tournament_id`` is set for bracket matches (the tournaments domain
    adds its foreign key) and decides who may judge (see ``app.matches.judges``).
    """

    __tablename__ = "matches"
    __table_args__ = (
        CheckConstraint("home_team_id <> away_team_id", name="two_teams"),
        Index("ix_matches_home_team", "home_team_id", "scheduled_at"),
        Index("ix_matches_away_team", "away_team_id", "scheduled_at"),
        Index("ix_matches_playground", "playground_id", "scheduled_at"),
        Index("ix_matches_scheduled", "scheduled_at", "id"),
        Index(
            "ix_matches_confirm_by",
            "confirm_by",
            postgresql_where=text("status = 'AWAITING_CONFIRMATION'"),
        ),
        Index(
            "ix_matches_reminder_due",
            "scheduled_at",
            postgresql_where=text("status = 'SCHEDULED' AND reminded_at IS NULL"),
        ),
    )

    id: Mapped[UUIDPk]
    sport_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sports.id"))
    home_team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"))
    away_team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"))
    playground_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("playgrounds.id"))
    tournament_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("tournaments.id"), index=True
    )
    scheduled_at: Mapped[datetime]
    status: Mapped[MatchStatus] = mapped_column(
        _enum(MatchStatus, "match_status"),
        default=MatchStatus.SCHEDULED,
        server_default=MatchStatus.SCHEDULED.value,
    )
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    """When the first result was reported."""
    reminded_at: Mapped[datetime | None]
    """When ``match.reminder_due`` was emitted (once, shortly before the start)."""
    confirm_by: Mapped[datetime | None]
    """An unanswered report is confirmed as reported at this moment."""
    confirmed_at: Mapped[datetime | None]
    home_score: Mapped[int | None] = mapped_column(Integer)
    away_score: Mapped[int | None] = mapped_column(Integer)
    winner_team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"))
    """``NULL`` for a draw (and until confirmation)."""
    result_kind: Mapped[ResultKind | None] = mapped_column(_enum(ResultKind, "match_result_kind"))
    technical_reason: Mapped[str | None] = mapped_column(Text)
    cancelled_at: Mapped[datetime | None]
    cancelled_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    disputed_at: Mapped[datetime | None]
    disputed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    """``NULL`` when the reports disagreed (nobody opened the dispute by hand)."""
    dispute_reason: Mapped[str | None] = mapped_column(Text)
    dispute_evidence_urls: Mapped[list[str]] = mapped_column(
        ARRAY(Text), default=list, server_default="{}"
    )
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    event_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Protocol events recorded so far; the next one gets ``event_count + 1`` as its number."""
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=text("now()"))

    def team_ids(self) -> tuple[uuid.UUID, uuid.UUID]:
        return (self.home_team_id, self.away_team_id)

    def opponent_of(self, team_id: uuid.UUID) -> uuid.UUID:
        return self.away_team_id if team_id == self.home_team_id else self.home_team_id


class MatchReport(Base):
    """The score one side reported, as home and away goals (not "ours" and "theirs")."""

    __tablename__ = "match_reports"

    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id"), primary_key=True)
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    home_score: Mapped[int] = mapped_column(Integer)
    away_score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    reported_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    reported_at: Mapped[datetime]


class LineupPlayer(Base):
    """A player who took part for one side; the key makes a player play for one side only."""

    __tablename__ = "match_lineups"
    __table_args__ = (Index("ix_match_lineups_team", "match_id", "team_id"),)

    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id"), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"))
    position: Mapped[int] = mapped_column(SmallInteger)


class MatchEvent(Base):
    """One protocol entry: a goal, a card, a substitution... with the minute it happened."""

    __tablename__ = "match_events"
    __table_args__ = (
        Index("uq_match_events_number", "match_id", "number", unique=True),
        CheckConstraint("minute BETWEEN 0 AND 999", name="minute_range"),
    )

    id: Mapped[UUIDPk]
    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id"))
    number: Mapped[int] = mapped_column(Integer)
    type: Mapped[MatchEventType] = mapped_column(_enum(MatchEventType, "match_event_type"))
    minute: Mapped[int] = mapped_column(SmallInteger)
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"))
    player_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    related_player_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    """The assisting player of a goal, or the player coming on in a substitution."""
    comment: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[CreatedAt]


class SkillRating(Base):
    """The current OpenSkill (Weng-Lin, Plackett-Luce) rating of a team or player in a sport."""

    __tablename__ = "skill_ratings"

    subject_kind: Mapped[SubjectKind] = mapped_column(
        _enum(SubjectKind, "skill_subject_kind", 8), primary_key=True
    )
    subject_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    sport_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sports.id"), primary_key=True)
    mu: Mapped[float] = mapped_column(Double)
    sigma: Mapped[float] = mapped_column(Double)
    ordinal: Mapped[float] = mapped_column(Double)
    """``mu - 3 * sigma``: the conservative estimate shown to people and used for ordering."""
    matches: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    updated_at: Mapped[datetime]


class SkillRatingChange(Base):
    """One confirmed match's effect on one rating; the match makes recording it idempotent."""

    __tablename__ = "skill_rating_changes"
    __table_args__ = (
        Index(
            "uq_skill_rating_changes_match",
            "match_id",
            "subject_kind",
            "subject_id",
            unique=True,
        ),
        Index(
            "ix_skill_rating_changes_history",
            "subject_kind",
            "subject_id",
            "sport_id",
            text("recorded_at DESC"),
            text("id DESC"),
        ),
    )

    id: Mapped[UUIDPk]
    subject_kind: Mapped[SubjectKind] = mapped_column(_enum(SubjectKind, "skill_subject_kind", 8))
    subject_id: Mapped[uuid.UUID]
    sport_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sports.id"))
    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id"))
    mu_before: Mapped[float] = mapped_column(Double)
    sigma_before: Mapped[float] = mapped_column(Double)
    ordinal_before: Mapped[float] = mapped_column(Double)
    mu: Mapped[float] = mapped_column(Double)
    sigma: Mapped[float] = mapped_column(Double)
    ordinal: Mapped[float] = mapped_column(Double)
    recorded_at: Mapped[datetime]


class PlayerMatchStats(Base):
    """What one player did in one confirmed match, counted from the protocol."""

    __tablename__ = "match_player_stats"
    __table_args__ = (Index("ix_match_player_stats_user_sport", "user_id", "sport_id"),)

    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id"), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True)
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"))
    sport_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sports.id"))
    result: Mapped[str] = mapped_column(String(4))
    """``WIN``, ``DRAW`` or ``LOSS`` for the player's side."""
    goals: Mapped[int] = mapped_column(SmallInteger, default=0)
    assists: Mapped[int] = mapped_column(SmallInteger, default=0)
    yellow_cards: Mapped[int] = mapped_column(SmallInteger, default=0)
    red_cards: Mapped[int] = mapped_column(SmallInteger, default=0)
    kills: Mapped[int] = mapped_column(SmallInteger, default=0)
    deaths: Mapped[int] = mapped_column(SmallInteger, default=0)
    recorded_at: Mapped[datetime]
