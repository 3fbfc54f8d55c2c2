"""Playground events. All are keyed by the playground id, so one playground's arrive in order."""

from __future__ import annotations

import uuid
from datetime import date

from app.events import Event

TOPIC = "prodvor.playgrounds"


class _PlaygroundEvent(Event):
    topic = TOPIC

    playground_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.playground_id)


class PlaygroundProposed(_PlaygroundEvent):
    type = "playground.proposed"

    proposed_by: uuid.UUID
    name: str
    city: str
    latitude: float
    longitude: float


class PlaygroundApproved(_PlaygroundEvent):
    """The proposer earns the approval reward (economy) from this event."""

    type = "playground.approved"

    proposed_by: uuid.UUID
    moderated_by: uuid.UUID


class PlaygroundRejected(_PlaygroundEvent):
    type = "playground.rejected"

    proposed_by: uuid.UUID
    moderated_by: uuid.UUID
    reason: str


class PlaygroundReviewed(_PlaygroundEvent):
    """A review was written or edited (``previous_rating`` is set for an edit)."""

    type = "playground.reviewed"

    review_id: uuid.UUID
    author_id: uuid.UUID
    rating: int
    previous_rating: int | None
    review_count: int
    average_rating: float


class PlaygroundReviewDeleted(_PlaygroundEvent):
    type = "playground.review_deleted"

    review_id: uuid.UUID
    author_id: uuid.UUID
    review_count: int
    average_rating: float | None


class PlaygroundCheckedIn(_PlaygroundEvent):
    type = "playground.checked_in"

    check_in_id: uuid.UUID
    user_id: uuid.UUID
    day: date
    """The calendar day in the configured time zone."""
    check_in_count: int


class PlaygroundConditionReported(_PlaygroundEvent):
    """What the AI triage reads to fill in the report's severity and summary."""

    type = "playground.condition_reported"

    report_id: uuid.UUID
    reporter_id: uuid.UUID
    category: str
    comment: str


class PlaygroundConditionResolved(_PlaygroundEvent):
    type = "playground.condition_resolved"

    report_id: uuid.UUID
    resolved_by: uuid.UUID
    resolution: str


class PlaygroundWinRecorded(_PlaygroundEvent):
    """A confirmed match won at the playground was counted for the king of the court."""

    type = "playground.win_recorded"

    match_id: uuid.UUID
    team_id: uuid.UUID
    wins: int
    king_team_id: uuid.UUID
