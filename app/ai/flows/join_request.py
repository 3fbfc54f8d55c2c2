"""Join-request analysis: advice to the captain on an application, from our data only."""

from __future__ import annotations

import uuid
from enum import StrEnum

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Flow, FlowCall, Gathered, register
from app.ai.values import AiConfidence
from app.errors import NotFoundError
from app.sports import service as sports
from app.teams import applications
from app.teams import service as teams
from app.users import service as users


class JoinRequestRef(BaseModel):
    application_id: uuid.UUID = Field(description="Заявка в команду.")


class JoinRecommendation(StrEnum):
    ACCEPT = "ACCEPT"
    CONSIDER = "CONSIDER"
    DECLINE = "DECLINE"


class JoinRequestAnalysis(BaseModel):
    """Совет капитану по заявке."""

    recommendation: JoinRecommendation
    reasoning: str = Field(max_length=1000, description="Почему.")
    confidence: AiConfidence


async def gather(call: FlowCall, ref: JoinRequestRef) -> Gathered:
    actor = call.principal()
    application, team = await applications.application_for_captain(
        call.session, actor, ref.application_id
    )
    applicant = await users.get_user(call.session, actor, application.user_id)
    if applicant is None:
        raise NotFoundError()
    sport = await sports.get_sport(call.session, team.sport_id)
    roster = await teams.roster(call.session, actor, team.id)
    return Gathered(
        {
            "team": {
                "name": team.name,
                "sport": sport.name if sport else None,
                "city": team.city,
                "description": team.description,
                "roster": sorted(member.role.value for member in roster),
                "record": {"wins": team.wins, "draws": team.draws, "losses": team.losses},
            },
            "applicant": {
                "name": applicant.display_name,
                "city": applicant.city,
                "bio": applicant.bio,
                "on_platform_since": applicant.created_at.date().isoformat(),
            },
            "application_message": application.message,
        }
    )


JOIN_REQUEST = register(
    Flow(
        name="analyzeJoinRequest",
        description="Совет капитану по заявке в команду (только капитану этой команды).",
        input=JoinRequestRef,
        output=JoinRequestAnalysis,
        prompt=Prompt(
            "join-request@1",
            "Ты помощник капитана любительской команды. По данным о команде и игроке, подавшем "
            "заявку, посоветуй: принять (ACCEPT), подумать (CONSIDER) или отклонить (DECLINE). "
            "Объясни коротко и честно, укажи уверенность. Не придумывай фактов, которых нет в "
            "данных.",
        ),
        gather=gather,
    )
)
