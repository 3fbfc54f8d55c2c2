"""Team logo: an image stored through the media store, returned as a URL."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Cost, Flow, FlowCall, Gathered, MediaFile, Mode, register

STYLE = (
    "vector sports logo, sports emblem, minimalistic, dynamic lines, shield shape, bold outline, "
    "flat colours, no text, square 1:1"
)


class TeamLogoRequest(BaseModel):
    description: str = Field(min_length=3, max_length=500, description="Что изобразить.")


async def gather(call: FlowCall, request: TeamLogoRequest) -> Gathered:
    return Gathered({"logo": request.description, "style": STYLE})


TEAM_LOGO = register(
    Flow(
        name="generateTeamLogo",
        description="Нарисовать логотип команды; ответ — адрес картинки.",
        input=TeamLogoRequest,
        output=MediaFile,
        prompt=Prompt(
            "team-logo@1",
            "Нарисуй логотип любительской спортивной команды по описанию logo в стиле style. "
            "Без надписей, без чужих товарных знаков.",
        ),
        gather=gather,
        mode=Mode.IMAGE,
        cost=Cost.HEAVY,
    )
)
