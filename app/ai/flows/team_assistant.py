"""Team assistant Q&A, streamed as it is written, with the team chatbot's tools (team chat
@ai: ``team_chatbot.py``)."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Answer, Flow, FlowCall, Gathered, Mode, register
from app.ai.team_context import (
    MATCH_HISTORY,
    PENDING_APPLICATIONS,
    ROSTER,
    SCHEDULE,
    team_context,
)


class TeamQuestion(BaseModel):
    team_id: uuid.UUID = Field(description="Команда.")
    question: str = Field(min_length=2, max_length=1000, description="Вопрос ассистенту.")


async def gather(call: FlowCall, request: TeamQuestion) -> Gathered:
    context = await team_context(call, request.team_id)
    return Gathered(
        {**context, "question": request.question},
        tools=[ROSTER, PENDING_APPLICATIONS, SCHEDULE, MATCH_HISTORY],
    )


TEAM_ASSISTANT = register(
    Flow(
        name="askTeamAssistant",
        description="Вопрос ассистенту команды; ответ приходит по частям (участникам команды).",
        input=TeamQuestion,
        output=Answer,
        prompt=Prompt(
            "team-assistant@2",
            "Ты ассистент любительской команды. Ответь на вопрос из данных коротко и по делу, "
            "опираясь только на сведения о команде и ответы инструментов этой команды (id в "
            "team.id): состав, заявки, ближайшие матчи (teamSchedule), прошедшие матчи "
            "(teamMatchHistory). Если сведений не хватает, так и скажи.",
        ),
        gather=gather,
        mode=Mode.STREAM,
    )
)
