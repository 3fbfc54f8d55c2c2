"""Match social post: a share text about a confirmed result."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from app.ai.match_context import (
    match_header,
    match_teams,
    protocol_data,
    require_state,
    visible_match,
)
from app.ai.prompts import Prompt
from app.ai.registry import Cost, Flow, FlowCall, Gathered, register
from app.matches.models import MatchStatus


class MatchPostRequest(BaseModel):
    match_id: uuid.UUID = Field(description="Подтверждённый матч.")
    angle: str | None = Field(default=None, max_length=200, description="О чём сделать акцент.")


class MatchPost(BaseModel):
    """Пост о результате матча для соцсетей."""

    text: str = Field(min_length=10, max_length=600, description="Текст поста.")
    hashtags: list[str] = Field(max_length=5, description="До пяти хэштегов вида #ДворовыйФутбол.")


async def gather(call: FlowCall, request: MatchPostRequest) -> Gathered:
    match = await visible_match(call, request.match_id)
    require_state(match, MatchStatus.CONFIRMED)
    sides = await match_teams(call, match)
    protocol = await protocol_data(call, match, sides)
    return Gathered(
        {
            "match": await match_header(call, match, sides),
            "scorers": [e for e in protocol if e["type"] in ("GOAL", "ROUND_WIN")],
            "angle": request.angle,
        }
    )


MATCH_POST = register(
    Flow(
        name="generateMatchPost",
        description="Текст поста о результате подтверждённого матча, чтобы поделиться.",
        input=MatchPostRequest,
        output=MatchPost,
        prompt=Prompt(
            "match-post@1",
            "Напиши короткий живой пост для соцсетей о результате матча дворовой лиги: счёт "
            "из поля score, команды, авторы голов из данных, без выдуманных фактов, без "
            "оскорблений соперника. Если указан angle, сделай на нём акцент. Добавь до пяти "
            "хэштегов.",
        ),
        gather=gather,
        cost=Cost.LIGHT,
        cacheable=True,
    )
)
