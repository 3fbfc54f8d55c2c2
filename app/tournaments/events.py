"""Tournament events, keyed by the tournament id; all feed ``tournamentUpdated``."""

from __future__ import annotations

import uuid

from pydantic import Field

from app.events import Event

TOPIC = "prodvor.tournaments"


def tournament_channel(tournament_id: uuid.UUID) -> str:
    return f"tournament:{tournament_id}"


class _TournamentEvent(Event):
    topic = TOPIC

    tournament_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.tournament_id)

    def channels(self) -> list[str]:
        return [tournament_channel(self.tournament_id)]


class TournamentCreated(_TournamentEvent):
    type = "tournament.created"

    organizer_id: uuid.UUID
    sport_id: uuid.UUID
    name: str
    slug: str
    format: str


class TournamentUpdated(_TournamentEvent):
    """Settings changed (``changed_fields``) or the status moved (``status``)."""

    type = "tournament.updated"

    status: str
    changed_fields: list[str]


class TournamentApplicationSubmitted(_TournamentEvent):
    type = "tournament.application_submitted"

    entry_id: uuid.UUID
    team_id: uuid.UUID
    roster_user_ids: list[uuid.UUID]
    entry_fee: int


class TournamentApplicationDecided(_TournamentEvent):
    """Approved, rejected, withdrawn by the team, or cancelled (with the tournament, or at its
    start for an entry still pending or not checked in); an entry fee held for it is refunded
    unless it was approved (``status``). ``reason`` says why, where someone or something other
    than the team decided (optional, so earlier payloads of version 1 still read)."""

    type = "tournament.application_decided"

    entry_id: uuid.UUID
    team_id: uuid.UUID
    status: str
    entry_fee: int
    reason: str | None = None


class TournamentStarted(_TournamentEvent):
    type = "tournament.started"

    team_ids: list[uuid.UUID]
    """In seed order."""
    seeding: str
    seeding_seed: int | None
    participant_user_ids: list[uuid.UUID] = Field(default_factory=list)
    """The rosters of the teams that play, so the game can count who took part. Taking part
    pays at the start, not at approval: an approval undone by a withdrawal or a cancelled
    tournament would otherwise keep its reward. A default and not a new version: events
    written before it still decode (with nobody)."""


class TournamentBracketAdvanced(_TournamentEvent):
    """A confirmed result moved the bracket on; ``scheduled_match_ids`` are the new matches."""

    type = "tournament.bracket_advanced"

    match_id: uuid.UUID
    slot_key: str
    scheduled_match_ids: list[uuid.UUID]


class TournamentFinished(_TournamentEvent):
    type = "tournament.finished"

    champion_team_id: uuid.UUID
    placements: dict[str, int]
    """Team id -> final place (shared places repeat)."""
    champion_roster_user_ids: list[uuid.UUID] = Field(default_factory=list)
    """The champion entry's roster (who won); empty in events written before it existed."""


class TournamentJudgesChanged(_TournamentEvent):
    type = "tournament.judges_changed"

    judge_ids: list[uuid.UUID]


class TournamentAnnouncementPosted(_TournamentEvent):
    type = "tournament.announcement_posted"

    announcement_id: uuid.UUID
    author_id: uuid.UUID
    participant_team_ids: list[uuid.UUID]
