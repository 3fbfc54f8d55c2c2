"""Which activities a domain event stands for: one small function per event type.

A mapper returns the activities (user, name, source, quantity, attributes) of one event and
may return none (a profile update that does not complete the profile).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from app.events import Event
from app.gamification.activities import Activity, ActivityName
from app.matches.events import MatchConfirmed
from app.playgrounds.events import PlaygroundApproved, PlaygroundCheckedIn
from app.social.events import FriendRequestAccepted
from app.teams.events import TeamCreated, TeamMemberJoined
from app.tournaments.events import TournamentFinished, TournamentStarted
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


def _match_confirmed(event: MatchConfirmed, at: datetime) -> list[Activity]:
    """Everyone in the lineups played; the winners' lineup won; scorers scored their goals.
    A technical result was not played, so it counts for nobody (the table counts it, the game
    does not)."""
    if event.technical:
        return []
    source = f"match:{event.match_id}"
    attributes = {"sport_id": str(event.sport_id)}
    if event.tournament_id is not None:
        attributes["tournament_id"] = str(event.tournament_id)
    lineups = {
        event.home_team_id: event.home_player_ids,
        event.away_team_id: event.away_player_ids,
    }
    played = ActivityName.MATCH_PLAYED
    activities = [
        Activity(user_id, played, source, at, 1, attributes)
        for user_id in dict.fromkeys(event.home_player_ids + event.away_player_ids)
    ]
    winners = lineups.get(event.winner_team_id, []) if event.winner_team_id else []
    won = ActivityName.MATCH_WON
    activities += [Activity(user_id, won, source, at, 1, attributes) for user_id in winners]
    return activities + _goals_scored(event, source, at, attributes)


def _goals_scored(
    event: MatchConfirmed, source: str, at: datetime, attributes: dict[str, str]
) -> list[Activity]:
    """One activity per scorer whose quantity is the match's goals: achievements add
    quantities, so "10 goals" is ten goals however many matches they took."""
    scored = ActivityName.GOAL_SCORED
    return [
        Activity(user_id, scored, source, at, goals, attributes)
        for user_id, goals in event.goals.items()
    ]


def _tournament_joined(event: TournamentStarted, at: datetime) -> list[Activity]:
    """Everyone on the roster of a team that plays takes part, counted at the start: a
    withdrawn entry or a tournament cancelled before it never pays. The source is the
    tournament, so a player counts once per tournament."""
    return _roster(event.participant_user_ids, ActivityName.TOURNAMENT_REGISTERED, event, at)


def _tournament_won(event: TournamentFinished, at: datetime) -> list[Activity]:
    """Everyone on the champion entry's roster won the tournament."""
    return _roster(event.champion_roster_user_ids, ActivityName.TOURNAMENT_WON, event, at)


def _roster(
    user_ids: list[uuid.UUID],
    name: ActivityName,
    event: TournamentStarted | TournamentFinished,
    at: datetime,
) -> list[Activity]:
    source = f"tournament:{event.tournament_id}"
    attributes = {"tournament_id": str(event.tournament_id)}
    return [Activity(user_id, name, source, at, 1, attributes) for user_id in user_ids]


def _friend_added(event: FriendRequestAccepted, at: datetime) -> list[Activity]:
    """Both become friends; a pair counts once per user however often they re-befriend."""
    users = (event.from_user_id, event.to_user_id)
    return [
        Activity(user_id, ActivityName.FRIEND_ADDED, f"friend:{other}", at)
        for user_id, other in (users, users[::-1])
    ]


MAPPERS: dict[type[Event], Mapper] = {
    UserRegistered: _registered,
    UserProfileUpdated: _profile_completed,
    TeamCreated: _team_created,
    TeamMemberJoined: _team_joined,
    PlaygroundCheckedIn: _checked_in,
    PlaygroundApproved: _playground_approved,
    MatchConfirmed: _match_confirmed,
    FriendRequestAccepted: _friend_added,
    TournamentStarted: _tournament_joined,
    TournamentFinished: _tournament_won,
}


def activities_of(event: Event, occurred_at: datetime) -> list[Activity]:
    return MAPPERS[type(event)](event, occurred_at)
