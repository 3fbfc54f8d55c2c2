"""Personal challenge events, keyed by the challenge id."""

from __future__ import annotations

import uuid

from app.events import Event

TOPIC = "prodvor.challenges"


class _ChallengeEvent(Event):
    topic = TOPIC

    challenge_id: uuid.UUID
    creator_id: uuid.UUID
    opponent_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.challenge_id)


class PersonalChallengeCreated(_ChallengeEvent):
    type = "personal_challenge.created"

    sport_id: uuid.UUID
    title: str
    wager: int


class PersonalChallengeAccepted(_ChallengeEvent):
    type = "personal_challenge.accepted"

    wager: int


class PersonalChallengeDeclined(_ChallengeEvent):
    type = "personal_challenge.declined"


class PersonalChallengeCancelRequested(_ChallengeEvent):
    """One side of an accepted challenge asks to call it off; the other side must agree."""

    type = "personal_challenge.cancel_requested"

    requested_by: uuid.UUID


class PersonalChallengeCancelled(_ChallengeEvent):
    type = "personal_challenge.cancelled"

    cancelled_by: uuid.UUID
    refunded: bool
    """Whether wagers were held (the challenge had been accepted) and went back."""


class PersonalChallengeOutcomeReported(_ChallengeEvent):
    type = "personal_challenge.outcome_reported"

    reported_by: uuid.UUID
    outcome: str


class PersonalChallengeDisputed(_ChallengeEvent):
    type = "personal_challenge.disputed"


class PersonalChallengeSettled(_ChallengeEvent):
    type = "personal_challenge.settled"

    verdict: str
    winner_id: uuid.UUID | None
    wager: int
    resolved_by: uuid.UUID | None
    """The moderator who decided a dispute; ``None`` when both sides agreed."""
