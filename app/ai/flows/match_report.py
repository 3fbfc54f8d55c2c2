"""Match report: the story of a confirmed match from its protocol and lineups."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.ai.match_context import (
    lineups_data,
    match_header,
    match_teams,
    protocol_data,
    require_state,
    visible_match,
)
from app.ai.prompts import Prompt
from app.ai.registry import Flow, FlowCall, Gathered, register
from app.ai.values import MatchRef
from app.matches.models import MatchStatus


class MatchMvp(BaseModel):
    """Лучший игрок матча."""

    name: str = Field(max_length=100, description="Имя из протокола или состава.")
    reason: str = Field(max_length=300)


class MatchReportAnalysis(BaseModel):
    """Разбор сыгранного матча."""

    summary: str = Field(max_length=1500, description="Как прошёл матч.")
    key_moment: str = Field(max_length=400, description="Переломный момент.")
    mvp: MatchMvp | None = Field(description="Лучший игрок; null, если протокол пуст.")
    home_advice: str = Field(max_length=400, description="Совет хозяевам.")
    away_advice: str = Field(max_length=400, description="Совет гостям.")


async def gather(call: FlowCall, ref: MatchRef) -> Gathered:
    match = await visible_match(call, ref.match_id)
    require_state(match, MatchStatus.CONFIRMED)
    sides = await match_teams(call, match)
    return Gathered(
        {
            "match": await match_header(call, match, sides),
            "protocol": await protocol_data(call, match, sides),
            "lineups": await lineups_data(call, match, sides),
        }
    )


MATCH_REPORT = register(
    Flow(
        name="analyzeMatchReport",
        description="Разбор подтверждённого матча по протоколу: ход игры, ключевой момент, MVP.",
        input=MatchRef,
        output=MatchReportAnalysis,
        prompt=Prompt(
            "match-report@1",
            "Ты спортивный журналист дворовой лиги. По протоколу (события по минутам) и "
            "составам напиши разбор матча: как он прошёл, переломный момент, лучшего игрока "
            "(только из имён в данных; null, если протокол пуст) и по совету каждой команде. "
            "Счёт бери из поля score, события не придумывай.",
        ),
        gather=gather,
        cacheable=True,
    )
)
