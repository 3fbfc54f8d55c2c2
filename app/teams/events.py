"""Team events. All are keyed by the team id, so one team's events arrive in order."""

from __future__ import annotations

import uuid
from typing import Literal

from app.events import Event

TOPIC = "prodvor.teams"


class _TeamEvent(Event):
    topic = TOPIC

    team_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.team_id)


class TeamCreated(_TeamEvent):
    """A team was created; its creator is its captain and first member (no member_joined)."""

    type = "team.created"

    captain_id: uuid.UUID
    sport_id: uuid.UUID
    name: str
    slug: str
    city: str


class TeamUpdated(_TeamEvent):
    type = "team.updated"

    changed_fields: list[str]
    slug: str


class TeamHomePlaygroundsChanged(_TeamEvent):
    type = "team.home_playgrounds_changed"

    playground_ids: list[uuid.UUID]
    """All of the team's home playgrounds now, in order (empty: none)."""


class TeamMemberJoined(_TeamEvent):
    type = "team.member_joined"

    user_id: uuid.UUID
    role: str
    via: Literal["APPLICATION", "INVITATION"]


class TeamMemberLeft(_TeamEvent):
    type = "team.member_left"

    user_id: uuid.UUID
    reason: Literal["LEFT", "REMOVED"]
    removed_by: uuid.UUID | None = None


class TeamCaptainChanged(_TeamEvent):
    type = "team.captain_changed"

    previous_captain_id: uuid.UUID
    captain_id: uuid.UUID


class TeamDisbanded(_TeamEvent):
    type = "team.disbanded"

    disbanded_by: uuid.UUID
    member_ids: list[uuid.UUID]
    cancelled_application_ids: list[uuid.UUID]
    cancelled_invitation_ids: list[uuid.UUID]


class TeamApplicationSubmitted(_TeamEvent):
    type = "team.application_submitted"

    application_id: uuid.UUID
    user_id: uuid.UUID
    captain_id: uuid.UUID
    """Who should hear about it."""


class TeamApplicationWithdrawn(_TeamEvent):
    type = "team.application_withdrawn"

    application_id: uuid.UUID
    user_id: uuid.UUID


class TeamApplicationDecided(_TeamEvent):
    type = "team.application_decided"

    application_id: uuid.UUID
    user_id: uuid.UUID
    decision: Literal["ACCEPTED", "DECLINED"]
    reason: str | None
    decided_by: uuid.UUID


class TeamInvitationSent(_TeamEvent):
    type = "team.invitation_sent"

    invitation_id: uuid.UUID
    user_id: uuid.UUID
    invited_by: uuid.UUID
    role: str


class TeamInvitationAnswered(_TeamEvent):
    type = "team.invitation_answered"

    invitation_id: uuid.UUID
    user_id: uuid.UUID
    answer: Literal["ACCEPTED", "DECLINED"]
