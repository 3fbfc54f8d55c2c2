"""Activities: what users do that the game counts, named once for rules, quests and
achievements.

Rules, quests and achievements are data that name activities; ``mapping.py`` turns domain
events into activities. Only activities some domain fact can produce are named here, so the
catalogues promise nothing the game cannot pay; a domain that lands later (training, for
instance) adds its activity here with its entry in ``mapping.MAPPERS``.
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
    MATCH_PLAYED = "match.played"
    MATCH_WON = "match.won"
    GOAL_SCORED = "match.goal_scored"
    """The quantity is the goals of one match."""
    PLAYGROUND_CHECKED_IN = "playground.checked_in"
    PLAYGROUND_APPROVED = "playground.approved"
    """The proposer's playground was approved by a moderator."""
    TOURNAMENT_REGISTERED = "tournament.registered"
    """A registration (of the user's team) was approved with the user on its roster."""
    TOURNAMENT_WON = "tournament.won"
    FRIEND_ADDED = "friend.added"
    FRIEND_INVITED = "friend.invited"
    """Someone the user invited joined the platform. Nothing produces it: there are no
    invitations to the platform yet. It stays because the ``FRIEND_INVITED`` earning rule,
    written by a migration, names it."""


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
