"""Match outcome prediction: from both teams' ratings, records, form and head-to-head."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from app.ai.match_context import (
    match_header,
    match_teams,
    require_state,
    results_of,
    team_form,
    visible_match,
)
from app.ai.prompts import Prompt
from app.ai.registry import Cost, Flow, FlowCall, Gathered, register
from app.ai.values import AiConfidence, MatchRef
from app.matches import service as matches
from app.matches.models import MatchStatus

HEAD_TO_HEAD_SCAN = 50
"""Latest confirmed matches of the home team searched for games against the away team."""


class PredictedWinner(StrEnum):
    HOME = "HOME"
    AWAY = "AWAY"
    DRAW = "DRAW"


class MatchPrediction(BaseModel):
    """Прогноз исхода матча."""

    predicted_winner: PredictedWinner
    confidence: AiConfidence
    reasoning: str = Field(max_length=800, description="Почему, по рейтингу и результатам.")


async def gather(call: FlowCall, ref: MatchRef) -> Gathered:
    match = await visible_match(call, ref.match_id)
    require_state(match, MatchStatus.SCHEDULED, MatchStatus.LIVE)
    sides = await match_teams(call, match)
    home, away = sides[match.home_team_id], sides[match.away_team_id]
    scanned = await matches.played_matches(
        call.session, call.principal(), home.id, limit=HEAD_TO_HEAD_SCAN, confirmed_only=True
    )
    meetings = [m for m in scanned if m.opponent_of(home.id) == away.id]
    return Gathered(
        {
            "match": await match_header(call, match, sides),
            "home": await team_form(call, home),
            "away": await team_form(call, away),
            "head_to_head_for_home": await results_of(call, home.id, meetings),
        }
    )


MATCH_PREDICTION = register(
    Flow(
        name="predictMatchOutcome",
        description="Прогноз исхода предстоящего матча по рейтингу, форме и личным встречам.",
        input=MatchRef,
        output=MatchPrediction,
        prompt=Prompt(
            "match-prediction@1",
            "Ты аналитик любительского спорта. Спрогнозируй исход матча: HOME — победа хозяев, "
            "AWAY — гостей, DRAW — ничья. Опирайся только на рейтинг (rating, выше — сильнее), "
            "баланс побед, форму, последние результаты и личные встречи из данных. Оцени "
            "уверенность честно: при малом числе матчей она LOW. Объясни коротко.",
        ),
        gather=gather,
        cost=Cost.LIGHT,
        cacheable=True,
    )
)
