"""Leagues: seasons, divisions, the teams entered and their standings, league fixtures.

A match belongs to a league through ``league_fixtures`` (the organizer links an existing
match to a division), so the matches domain knows nothing of leagues. The standings row of a
team in a division is updated from ``match.confirmed`` once per fixture: ``applied_at`` is
set under the fixture's row lock, so a redelivered event changes nothing.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk

POINTS_WIN, POINTS_DRAW, POINTS_LOSS = 3, 1, 0


class League(Base):
    __tablename__ = "leagues"
    __table_args__ = (Index("ix_leagues_sport_city", "sport_id", "city", "created_at", "id"),)

    id: Mapped[UUIDPk]
    name: Mapped[str] = mapped_column(String(100))
    sport_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sports.id"))
    city: Mapped[str] = mapped_column(String(100))
    organizer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[CreatedAt]


class LeagueSeason(Base):
    __tablename__ = "league_seasons"

    id: Mapped[UUIDPk]
    league_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leagues.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[CreatedAt]


class LeagueDivision(Base):
    __tablename__ = "league_divisions"

    id: Mapped[UUIDPk]
    season_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("league_seasons.id"), index=True)
    league_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leagues.id"))
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)


class DivisionTeam(Base):
    """A team entered in a division, and its standings row."""

    __tablename__ = "league_division_teams"
    __table_args__ = (UniqueConstraint("season_id", "team_id"),)

    division_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("league_divisions.id"), primary_key=True
    )
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    season_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("league_seasons.id"))
    """A team plays in one division per season."""
    played: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    wins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    draws: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    losses: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    goals_for: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    goals_against: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    points: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    entered_at: Mapped[CreatedAt]

    @property
    def goal_difference(self) -> int:
        return self.goals_for - self.goals_against

    def record(self, scored: int, conceded: int) -> None:
        self.played += 1
        self.goals_for += scored
        self.goals_against += conceded
        if scored > conceded:
            self.wins += 1
            self.points += POINTS_WIN
        elif scored == conceded:
            self.draws += 1
            self.points += POINTS_DRAW
        else:
            self.losses += 1
            self.points += POINTS_LOSS


class LeagueFixture(Base):
    __tablename__ = "league_fixtures"

    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id"), primary_key=True)
    division_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("league_divisions.id"), index=True)
    added_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[CreatedAt]
    applied_at: Mapped[datetime | None]
    """When the confirmed result went into the standings; set once."""
