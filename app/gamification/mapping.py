"""Which activities a domain event stands for: one small function per event type.

A mapper returns the activities (user, name, source, quantity, attributes) of one event and
may return none (a profile update that does not complete the profile).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from app.events import Event
from app.gamification.activities import Activity, ActivityName
from app.playgrounds.events import PlaygroundApproved, PlaygroundCheckedIn
from app.teams.events import TeamCreated, TeamMemberJoined
from app.users.events import UserProfileUpdated, UserRegistered

Mapper = Callable[[Any, datetime], list[Activity]]


def _registered(event: UserRegistered, at: datetime) -> list[Activity]:
    return [Activity(event.user_id, ActivityName.REGISTERED, f"user:{event.user_id}", at)]


def _profile_completed(event: UserProfileUpdated, at: datetime) -> list[Activity]:
    if not event.profile_complete:
        return []
    return [Activity(event.user_id, ActivityName.PROFILE_COMPLETED, f"user:{event.user_id}", at)]


def _team_created(event: TeamCreated, at: datetime) -> list[Activity]:
    attributes = {"sport_id": str(event.sport_id)}
    source = f"team:{event.team_id}"
    return [Activity(event.captain_id, ActivityName.TEAM_CREATED, source, at, 1, attributes)]


def _team_joined(event: TeamMemberJoined, at: datetime) -> list[Activity]:
    attributes = {"role": event.role, "via": event.via}
    source = f"team:{event.team_id}"
    return [Activity(event.user_id, ActivityName.TEAM_JOINED, source, at, 1, attributes)]


def _checked_in(event: PlaygroundCheckedIn, at: datetime) -> list[Activity]:
    """Each check-in counts (the playgrounds domain allows one per playground and day)."""
    attributes = {"playground_id": str(event.playground_id)}
    source = f"check_in:{event.check_in_id}"
    name = ActivityName.PLAYGROUND_CHECKED_IN
    return [Activity(event.user_id, name, source, at, 1, attributes)]


def _playground_approved(event: PlaygroundApproved, at: datetime) -> list[Activity]:
    source = f"playground:{event.playground_id}"
    return [Activity(event.proposed_by, ActivityName.PLAYGROUND_APPROVED, source, at)]


MAPPERS: dict[type[Event], Mapper] = {
    UserRegistered: _registered,
    UserProfileUpdated: _profile_completed,
    TeamCreated: _team_created,
    TeamMemberJoined: _team_joined,
    PlaygroundCheckedIn: _checked_in,
    PlaygroundApproved: _playground_approved,
}


def activities_of(event: Event, occurred_at: datetime) -> list[Activity]:
    return MAPPERS[type(event)](event, occurred_at)
