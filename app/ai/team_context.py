"""What team flows know about a team, and the tools they may call, read as the caller."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from app.ai.registry import FlowCall, Tool
from app.errors import NotFoundError
from app.pagination import PageRequest
from app.playgrounds import service as playgrounds
from app.sports import service as sports
from app.teams import applications
from app.teams import service as teams
from app.teams.models import ApplicationStatus
from app.users import service as users


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


PENDING_APPLICATIONS = Tool(
    "teamPendingApplications",
    "Заявки в команду, ждущие решения (видит только капитан этой команды).",
    TeamArgs,
    _applications,
)
ROSTER = Tool("teamRoster", "Состав команды: имена и роли.", TeamArgs, _roster_tool)
