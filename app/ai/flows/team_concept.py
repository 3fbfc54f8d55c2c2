"""Team concept: a name, a motto and a description from the captain's idea."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Cost, Flow, FlowCall, Gathered, register
from app.sports import service as sports


class TeamConceptRequest(BaseModel):
    idea: str = Field(min_length=5, max_length=1000, description="Какой должна быть команда.")
    sport_id: uuid.UUID | None = Field(default=None, description="Вид спорта, если выбран.")


class TeamConcept(BaseModel):
    """Идея команды: название, девиз и описание."""

    name: str = Field(min_length=2, max_length=60, description="Название.")
    motto: str = Field(max_length=100, description="Девиз.")
    description: str = Field(max_length=350, description="Описание для страницы команды.")


async def gather(call: FlowCall, request: TeamConceptRequest) -> Gathered:
    sport = await sports.get_sport(call.session, request.sport_id) if request.sport_id else None
    return Gathered({"idea": request.idea, "sport": sport.name if sport else None})


TEAM_CONCEPT = register(
    Flow(
        name="generateTeamConcept",
        description="Придумать название, девиз и описание команды по идее капитана.",
        input=TeamConceptRequest,
        output=TeamConcept,
        prompt=Prompt(
            "team-concept@1",
            "Ты помогаешь капитану любительской дворовой команды придумать её образ. Предложи "
            "короткое звучное название (до 60 символов), девиз (до 100) и описание (до 350), "
            "в духе дворового спорта, без оскорблений и чужих товарных знаков.",
        ),
        gather=gather,
        cost=Cost.LIGHT,
    )
)
