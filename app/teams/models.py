from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    ARRAY,
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
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk, utcnow


class TeamRole(StrEnum):
    CAPTAIN = "CAPTAIN"
    PLAYER = "PLAYER"
    COACH = "COACH"
    MANAGER = "MANAGER"


class FormResult(StrEnum):
    WIN = "WIN"
    DRAW = "DRAW"
    LOSS = "LOSS"


class ApplicationStatus(StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    WITHDRAWN = "WITHDRAWN"
    CANCELLED = "CANCELLED"
    """Closed without a decision because the team was disbanded."""


class InvitationStatus(StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    CANCELLED = "CANCELLED"
    """Closed without an answer because the team was disbanded."""


def _enum(enum: type[StrEnum], name: str) -> Enum:
    return Enum(enum, name=name, native_enum=False, length=16)


ACTIVE = text("disbanded_at IS NULL")


class Team(Base):
    """A team; its row is the lock for everything about the team.

    Every change to the team, its roster, applications or invitations takes ``FOR UPDATE`` on
    this row first, which serialises checks such as the roster limit and keeps the team's
    events in commit order.

    ``rating``, ``wins``/``draws``/``losses`` and ``form`` belong to match results: they stay
    at zero / empty until confirmed matches update them (``app.teams.standing``). ``rating``
    is the team's OpenSkill ordinal in its sport and orders the teams list.
    """

    __tablename__ = "teams"
    __table_args__ = (
        Index(
            "ix_teams_search_name_trgm",
            "search_name",
            postgresql_using="gin",
            postgresql_ops={"search_name": "gin_trgm_ops"},
        ),
        Index("ix_teams_by_name", "search_name", "id", postgresql_where=ACTIVE),
        Index("ix_teams_by_created", "created_at", "id", postgresql_where=ACTIVE),
        Index("ix_teams_city_lower", func.lower(text("city"))),
    )

    id: Mapped[UUIDPk]
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    search_name: Mapped[str] = mapped_column(Text, Computed("lower(name)", persisted=True))
    sport_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sports.id"), index=True)
    city: Mapped[str] = mapped_column(String(100))
    motto: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    logo_url: Mapped[str | None] = mapped_column(Text)

    rating: Mapped[float] = mapped_column(Double, default=0.0, server_default="0")
    wins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    draws: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    losses: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    form: Mapped[list[str]] = mapped_column(ARRAY(String(4)), default=list, server_default="{}")
    """Results of the last five confirmed matches, newest first (``FormResult`` values)."""

    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=text("now()")
    )
    disbanded_at: Mapped[datetime | None]

    @property
    def is_disbanded(self) -> bool:
        return self.disbanded_at is not None


Index(
    "ix_teams_by_rating",
    Team.rating.desc(),
    Team.search_name,
    Team.id,
    postgresql_where=ACTIVE,
)


Index(
    "ix_teams_sport_leaderboard",
    Team.sport_id,
    Team.rating.desc(),
    Team.id.desc(),
    postgresql_where=ACTIVE,
)
Index(
    "ix_teams_city_sport_leaderboard",
    func.lower(Team.city),
    Team.sport_id,
    Team.rating.desc(),
    Team.id.desc(),
    postgresql_where=ACTIVE,
)


class TeamMember(Base):
    """Membership; the team's captain is the one member with role ``CAPTAIN``."""

    __tablename__ = "team_members"
    __table_args__ = (
        Index(
            "uq_team_members_one_captain",
            "team_id",
            unique=True,
            postgresql_where=text("role = 'CAPTAIN'"),
        ),
    )

    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    role: Mapped[TeamRole] = mapped_column(_enum(TeamRole, "team_role"))
    joined_at: Mapped[CreatedAt]


class TeamApplication(Base):
    """A player's request to join (заявка)."""

    __tablename__ = "team_applications"
    __table_args__ = (
        Index(
            "uq_team_applications_pending",
            "team_id",
            "user_id",
            unique=True,
            postgresql_where=text("status = 'PENDING'"),
        ),
        Index("ix_team_applications_team", "team_id", "created_at", "id"),
        Index("ix_team_applications_user", "user_id", "created_at", "id"),
    )

    id: Mapped[UUIDPk]
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    message: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ApplicationStatus] = mapped_column(
        _enum(ApplicationStatus, "team_application_status"),
        default=ApplicationStatus.PENDING,
        server_default=ApplicationStatus.PENDING.value,
    )
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[CreatedAt]
    decided_at: Mapped[datetime | None]


class TeamInvitation(Base):
    """A captain's invitation of a user into the team, with the role they would get."""

    __tablename__ = "team_invitations"
    __table_args__ = (
        Index(
            "uq_team_invitations_pending",
            "team_id",
            "user_id",
            unique=True,
            postgresql_where=text("status = 'PENDING'"),
        ),
        Index("ix_team_invitations_team", "team_id", "created_at", "id"),
        Index("ix_team_invitations_user", "user_id", "created_at", "id"),
    )

    id: Mapped[UUIDPk]
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    invited_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    role: Mapped[TeamRole] = mapped_column(_enum(TeamRole, "team_role"))
    status: Mapped[InvitationStatus] = mapped_column(
        _enum(InvitationStatus, "team_invitation_status"),
        default=InvitationStatus.PENDING,
        server_default=InvitationStatus.PENDING.value,
    )
    created_at: Mapped[CreatedAt]
    answered_at: Mapped[datetime | None]


class TeamHomePlayground(Base):
    """A playground the team calls home; the captain picks a few approved ones, in order."""

    __tablename__ = "team_home_playgrounds"

    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    playground_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("playgrounds.id"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(SmallInteger)


class TeamResult(Base):
    """A confirmed match's outcome for the team; the match makes applying it idempotent."""

    __tablename__ = "team_results"
    __table_args__ = (Index("ix_team_results_latest", "team_id", text("played_at DESC")),)

    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id"), primary_key=True)
    result: Mapped[FormResult] = mapped_column(
        Enum(FormResult, name="form_result", native_enum=False, length=4)
    )
    played_at: Mapped[datetime]
    """When the match was played (scheduled), which orders the team's form."""
    recorded_at: Mapped[CreatedAt]
