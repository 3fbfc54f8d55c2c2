"""Match events. A match's events are keyed by its id (so they arrive in order) and feed the
``match:<id>`` channel of ``matchUpdated``; a challenge's are keyed by the challenge id.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from app.events import Event

TOPIC = "prodvor.matches"


def match_channel(match_id: uuid.UUID) -> str:
    return f"match:{match_id}"


class _ChallengeEvent(Event):
    topic = TOPIC

    challenge_id: uuid.UUID
    from_team_id: uuid.UUID
    to_team_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.challenge_id)


class MatchChallengeSent(_ChallengeEvent):
    type = "match.challenge_sent"

    sport_id: uuid.UUID
    playground_id: uuid.UUID
    proposed_at: datetime
    sent_by: uuid.UUID


class MatchChallengeAnswered(_ChallengeEvent):
    """The awaiting captain accepted, declined or proposed another time."""

    type = "match.challenge_answered"

    answer: Literal["ACCEPTED", "DECLINED", "TIME_PROPOSED"]
    answered_by: uuid.UUID
    proposed_at: datetime
    """The time now on the table (the new one after a counter-proposal)."""
    awaiting_team_id: uuid.UUID
    match_id: uuid.UUID | None = None


class MatchChallengeWithdrawn(_ChallengeEvent):
    """The challenger's captain took the challenge back before it was accepted."""

    type = "match.challenge_withdrawn"

    withdrawn_by: uuid.UUID
    proposed_at: datetime


class MatchEventBase(Event):
    topic = TOPIC

    match_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.match_id)

    def channels(self) -> list[str]:
        return [match_channel(self.match_id)]


class MatchScheduled(MatchEventBase):
    type = "match.scheduled"

    sport_id: uuid.UUID
    home_team_id: uuid.UUID
    away_team_id: uuid.UUID
    playground_id: uuid.UUID | None
    tournament_id: uuid.UUID | None
    scheduled_at: datetime
    challenge_id: uuid.UUID | None


class MatchLineupSet(MatchEventBase):
    type = "match.lineup_set"

    team_id: uuid.UUID
    player_ids: list[uuid.UUID]


class MatchStarted(MatchEventBase):
    type = "match.started"

    home_team_id: uuid.UUID
    away_team_id: uuid.UUID
    home_player_ids: list[uuid.UUID]
    away_player_ids: list[uuid.UUID]


class MatchEventRecorded(MatchEventBase):
    """A protocol entry (goal, card, ...) recorded while the match is live."""

    type = "match.event_recorded"

    event_id: uuid.UUID
    number: int
    event_type: str
    minute: int
    team_id: uuid.UUID
    player_id: uuid.UUID | None
    related_player_id: uuid.UUID | None


class MatchResultReported(MatchEventBase):
    """One side reported the score; the other side should confirm or dispute it."""

    type = "match.result_reported"

    team_id: uuid.UUID
    home_score: int
    away_score: int
    confirm_by: datetime
    awaiting_team_id: uuid.UUID


class MatchDisputed(MatchEventBase):
    type = "match.disputed"

    home_team_id: uuid.UUID
    away_team_id: uuid.UUID
    cause: Literal["REPORTS_DIFFER", "DISPUTE_OPENED"]
    disputed_by: uuid.UUID | None
    reason: str


class MatchConfirmed(MatchEventBase):
    """The result counts from now on; every consequence follows from this event, once.

    Carries what the consumers need without reading the match: teams and their lineups,
    the score, the winner (``None`` for a draw), the sport, the playground and tournament.
    """

    type = "match.confirmed"

    sport_id: uuid.UUID
    tournament_id: uuid.UUID | None
    playground_id: uuid.UUID | None
    home_team_id: uuid.UUID
    away_team_id: uuid.UUID
    home_player_ids: list[uuid.UUID]
    away_player_ids: list[uuid.UUID]
    home_score: int
    away_score: int
    winner_team_id: uuid.UUID | None
    loser_team_id: uuid.UUID | None
    result_kind: str
    technical: bool
    """Awarded without a game: counts in the table, not for ratings, stats or the court."""
    scheduled_at: datetime
    played_at: datetime
    """When the game started (the scheduled time for a technical result)."""
    confirmed_at: datetime
    goals: dict[uuid.UUID, int] = Field(default_factory=dict)
    """Goals per player who scored, from the protocol (frozen once the match is no longer
    live). A default and not a new version: events written before it still decode."""


class MatchReminderDue(MatchEventBase):
    """A scheduled match starts soon (``MatchSettings.reminder_hours``); emitted once per match,
    by the ``matches`` worker's reminder task. Not a change of the match: no live update."""

    type = "match.reminder_due"

    home_team_id: uuid.UUID
    away_team_id: uuid.UUID
    playground_id: uuid.UUID | None
    scheduled_at: datetime

    def channels(self) -> list[str]:
        return []


class MatchCancelled(MatchEventBase):
    type = "match.cancelled"

    home_team_id: uuid.UUID
    away_team_id: uuid.UUID
    cancelled_by: uuid.UUID
    reason: str
