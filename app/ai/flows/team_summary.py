"""Team assistant summary: what is going on in the team and what to do next (members only)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Flow, FlowCall, Gathered, register
from app.ai.team_context import PENDING_APPLICATIONS, ROSTER, team_context
from app.ai.values import TeamRef


class TeamActivitySummary(BaseModel):
    """Сводка ИИ-ассистента о команде."""

    summary: str = Field(max_length=1500, description="Что происходит в команде.")
    suggestions: list[str] = Field(
        min_length=1, max_length=3, description="Два-три совета, что сделать дальше."
    )


async def gather(call: FlowCall, ref: TeamRef) -> Gathered:
    return Gathered(await team_context(call, ref.team_id), tools=[PENDING_APPLICATIONS, ROSTER])


TEAM_SUMMARY = register(
    Flow(
        name="summarizeTeamActivity",
        description="Сводка ассистента о команде и советы (участникам команды).",
        input=TeamRef,
        output=TeamActivitySummary,
        prompt=Prompt(
            "team-summary@1",
            "Ты ассистент любительской команды. Кратко опиши её положение по данным и дай два-три "
            "конкретных совета капитану и игрокам. Если нужно, вызови инструменты, чтобы узнать "
            "состав или заявки этой команды.",
        ),
        gather=gather,
    )
)
