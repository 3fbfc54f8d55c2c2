"""What team flows know about a team, and the tools they may call, read as the caller."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from app.ai.match_context import results_of
from app.ai.registry import FlowCall, Tool
from app.errors import NotFoundError
from app.matches import service as matches
from app.pagination import PageRequest
from app.playgrounds import service as playgrounds
from app.sports import service as sports
from app.teams import applications
from app.teams import service as teams
from app.teams.models import ApplicationStatus
from app.users import service as users

MATCHES_SHOWN = 10
"""Matches a schedule or history tool answers with."""


async def team_context(call: FlowCall, team_id: uuid.UUID) -> dict[str, Any]:
    """The team page as a member sees it; anyone else is refused."""
    actor = call.principal()
    team = await teams.get_team(call.session, actor, team_id)
    if team is None:
        raise NotFoundError()
    await teams.require_member(call.session, actor, team)
    sport = await sports.get_sport(call.session, team.sport_id)
    home_names = []
    for playground_id in await teams.home_playground_ids(call.session, team.id):
        playground = await playgrounds.get_playground(call.session, actor, playground_id)
        if playground is not None:
            home_names.append(playground.name)
    return {
        "team": {
            "id": str(team.id),
            "name": team.name,
            "sport": sport.name if sport else None,
            "city": team.city,
            "motto": team.motto,
            "description": team.description,
            "record": {"wins": team.wins, "draws": team.draws, "losses": team.losses},
            "form": team.form,
            "home_playgrounds": home_names,
        },
        "roster": await _roster(call, team.id),
    }


async def _roster(call: FlowCall, team_id: uuid.UUID) -> list[dict[str, Any]]:
    members = await teams.roster(call.session, call.principal(), team_id)
    names = await users.users_by_id(call.session, [m.user_id for m in members])
    return [
        {"name": names[m.user_id].display_name if m.user_id in names else "Игрок", "role": m.role}
        for m in members
    ]


class TeamArgs(BaseModel):
    team_id: uuid.UUID = Field(description="Id команды.")


async def _applications(call: FlowCall, args: TeamArgs) -> Mapping[str, Any]:
    page = await applications.list_team_applications(
        call.session,
        call.principal(),
        args.team_id,
        status=ApplicationStatus.PENDING,
        page=PageRequest(first=20),
    )
    if page is None:
        raise NotFoundError()
    names = await users.users_by_id(call.session, [a.user_id for a in page.items])
    return {
        "applications": [
            {
                "applicant": names[a.user_id].display_name if a.user_id in names else "Игрок",
                "message": a.message,
                "created_at": a.created_at.isoformat(),
            }
            for a in page.items
        ]
    }


async def _roster_tool(call: FlowCall, args: TeamArgs) -> Mapping[str, Any]:
    team = await teams.get_team(call.session, call.principal(), args.team_id)
    if team is None:
        raise NotFoundError()
    return {"roster": await _roster(call, team.id)}


async def _schedule(call: FlowCall, args: TeamArgs) -> Mapping[str, Any]:
    actor = call.principal()
    team = await teams.get_team(call.session, actor, args.team_id)
    if team is None:
        raise NotFoundError()
    upcoming = await matches.upcoming_matches(
        call.session, actor, team.id, now=call.now, limit=MATCHES_SHOWN
    )
    opponents = await teams.teams_by_id(call.session, [m.opponent_of(team.id) for m in upcoming])
    places = await playgrounds.playgrounds_by_id(
        call.session, [m.playground_id for m in upcoming if m.playground_id is not None]
    )
    return {
        "now": call.now.isoformat(),
        "upcoming": [
            {
                "starts_at": m.scheduled_at.isoformat(),
                "opponent": _team_name(opponents, m.opponent_of(team.id)),
                "home": m.home_team_id == team.id,
                "playground": places[m.playground_id].name if m.playground_id in places else None,
                "status": m.status.value,
                "tournament": m.tournament_id is not None,
            }
            for m in upcoming
        ],
    }


async def _history(call: FlowCall, args: TeamArgs) -> Mapping[str, Any]:
    actor = call.principal()
    team = await teams.get_team(call.session, actor, args.team_id)
    if team is None:
        raise NotFoundError()
    played = await matches.played_matches(call.session, actor, team.id, limit=MATCHES_SHOWN)
    results = await results_of(call, team.id, played)
    return {
        "record": {"wins": team.wins, "draws": team.draws, "losses": team.losses},
        "matches": [
            {**result, "status": m.status.value} for m, result in zip(played, results, strict=True)
        ],
    }


def _team_name(found: Mapping[uuid.UUID, Any], team_id: uuid.UUID) -> str:
    team = found.get(team_id)
    return team.name if team is not None else "Команда"


PENDING_APPLICATIONS = Tool(
    "teamPendingApplications",
    "Заявки в команду, ждущие решения (видит только капитан этой команды).",
    TeamArgs,
    _applications,
)
ROSTER = Tool("teamRoster", "Состав команды: имена и роли.", TeamArgs, _roster_tool)
SCHEDULE = Tool(
    "teamSchedule",
    "Ближайшие матчи команды: когда, с кем, где (свои и чужие: матчи видны всем).",
    TeamArgs,
    _schedule,
)
MATCH_HISTORY = Tool(
    "teamMatchHistory",
    "Последние сыгранные матчи команды: соперник, счёт со стороны команды, итог.",
    TeamArgs,
    _history,
)
