"""Activities: what users do that the game counts, named once for rules, quests and
achievements.

Rules, quests and achievements are data that name activities; ``mapping.py`` turns domain
events into activities. A domain that lands later (matches, playgrounds, tournaments,
friends) makes its activities count by adding one entry to ``mapping.MAPPERS`` for its event:
the catalogues below already name them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class ActivityName(StrEnum):
    REGISTERED = "user.registered"
    PROFILE_COMPLETED = "user.profile_completed"
    TEAM_CREATED = "team.created"
    TEAM_JOINED = "team.joined"
    # Named by the catalogues; counted once their domains emit the events:
    MATCH_PLAYED = "match.played"
    MATCH_WON = "match.won"
    GOAL_SCORED = "match.goal_scored"
    """The quantity is the goals of one match."""
    MATCH_MVP = "match.mvp"
    PLAYGROUND_CHECKED_IN = "playground.checked_in"
    PLAYGROUND_APPROVED = "playground.approved"
    """The proposer's playground was approved by a moderator."""
    PLAYGROUND_PHOTO_ADDED = "playground.photo_added"
    TOURNAMENT_REGISTERED = "tournament.registered"
    """A registration (of the user's team) was approved."""
    TOURNAMENT_WON = "tournament.won"
    FRIEND_ADDED = "friend.added"
    FRIEND_INVITED = "friend.invited"
    """Someone the user invited joined the platform."""
    WORKOUT_COMPLETED = "training.workout_completed"
    PERSONAL_RECORD_SET = "training.personal_record"
    AI_PROGRAM_CREATED = "ai.training_program_created"


@dataclass(frozen=True, slots=True)
class Activity:
    user_id: uuid.UUID
    name: ActivityName
    source: str
    """What it was about (``team:<id>``); one source counts once per user and activity."""
    occurred_at: datetime
    quantity: int = 1
    attributes: dict[str, Any] = field(default_factory=dict)
    """Facts that quest and achievement filters can require (``{"role": "CAPTAIN"}``)."""
