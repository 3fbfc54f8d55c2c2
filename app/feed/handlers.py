"""The feed worker: activities written from other domains' events.

Every activity's ``source_key`` starts with the envelope id, so a redelivered event writes
nothing new even if ``processed_events`` were bypassed.
"""

from __future__ import annotations

import uuid
from typing import Any

from app.achievements.events import AchievementUnlocked
from app.events.worker import HandlerContext, Worker
from app.feed import service
from app.feed.models import ActivityType
from app.matches.events import MatchConfirmed
from app.playgrounds.events import PlaygroundCheckedIn
from app.teams.events import TeamMemberJoined
from app.tournaments.events import TournamentApplicationDecided

APPROVED = "APPROVED"


EMPTY: dict[str, Any] = {
    "user_id": None,
    "team_id": None,
    "playground_id": None,
    "subject_id": None,
    "text": None,
    "data": {},
}
"""Every row names every column: a multi-row INSERT needs the same keys in each."""


def _row(ctx: HandlerContext, kind: ActivityType, who: str, **values: Any) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "type": kind,
        "source_key": f"{ctx.envelope.id}:{who}",
        "created_at": ctx.envelope.occurred_at,
        **EMPTY,
        **values,
    }


def _result(own: int, other: int) -> str:
    return "WIN" if own > other else "LOSS" if own < other else "DRAW"


async def match_played(ctx: HandlerContext, event: MatchConfirmed) -> None:
    """Each player of both lineups, and each team, gets the result from their side.

    Player rows carry no ``team_id``, so a team's followers see the team's row once rather
    than one row per player. Technical results were not played and are left out.
    """
    if event.technical:
        return
    sides = (
        (
            event.home_team_id,
            event.away_team_id,
            event.home_score,
            event.away_score,
            event.home_player_ids,
        ),
        (
            event.away_team_id,
            event.home_team_id,
            event.away_score,
            event.home_score,
            event.away_player_ids,
        ),
    )
    rows = []
    for team_id, opponent_id, own, other, players in sides:
        data = {
            "team_id": str(team_id),
            "opponent_team_id": str(opponent_id),
            "score": f"{own}:{other}",
            "result": _result(own, other),
        }
        common = {"subject_id": event.match_id, "playground_id": event.playground_id, "data": data}
        kind = ActivityType.MATCH_PLAYED
        rows.append(_row(ctx, kind, f"team:{team_id}", team_id=team_id, **common))
        rows += [_row(ctx, kind, f"user:{p}", user_id=p, **common) for p in dict.fromkeys(players)]
    await service.record(ctx.session, rows)


async def team_joined(ctx: HandlerContext, event: TeamMemberJoined) -> None:
    row = _row(ctx, ActivityType.TEAM_JOINED, "user", user_id=event.user_id, team_id=event.team_id)
    await service.record(ctx.session, [row])


async def tournament_registered(ctx: HandlerContext, event: TournamentApplicationDecided) -> None:
    if event.status != APPROVED:
        return
    row = _row(
        ctx,
        ActivityType.TOURNAMENT_REGISTERED,
        "team",
        team_id=event.team_id,
        subject_id=event.tournament_id,
    )
    await service.record(ctx.session, [row])


async def achievement_unlocked(ctx: HandlerContext, event: AchievementUnlocked) -> None:
    row = _row(
        ctx,
        ActivityType.ACHIEVEMENT_UNLOCKED,
        "user",
        user_id=event.user_id,
        subject_id=event.achievement_id,
        data={"name": event.name, "code": event.code},
    )
    await service.record(ctx.session, [row])


async def checked_in(ctx: HandlerContext, event: PlaygroundCheckedIn) -> None:
    row = _row(
        ctx,
        ActivityType.PLAYGROUND_CHECK_IN,
        "user",
        user_id=event.user_id,
        playground_id=event.playground_id,
    )
    await service.record(ctx.session, [row])


FEED_WORKER = Worker(
    "feed",
    {
        MatchConfirmed: [match_played],
        TeamMemberJoined: [team_joined],
        TournamentApplicationDecided: [tournament_registered],
        AchievementUnlocked: [achievement_unlocked],
        PlaygroundCheckedIn: [checked_in],
    },
)
