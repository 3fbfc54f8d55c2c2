"""Dispute analysis for judges and moderators: both sides' reports next to the protocol."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, Field

from app.ai.match_context import (
    lineups_data,
    match_header,
    match_teams,
    names,
    protocol_data,
    require_state,
    visible_match,
)
from app.ai.prompts import Prompt
from app.ai.registry import Flow, FlowCall, Gathered, register
from app.ai.values import AiConfidence, MatchRef
from app.auth.roles import Role
from app.matches import service as matches
from app.matches.models import Match, MatchStatus
from app.teams.models import Team


class DisputeAnalysis(BaseModel):
    """Разбор спора о результате матча для судьи."""

    summary: str = Field(max_length=1000, description="Суть спора.")
    home_position: str = Field(max_length=500, description="Что утверждают хозяева.")
    away_position: str = Field(max_length=500, description="Что утверждают гости.")
    protocol_findings: str = Field(max_length=600, description="Что показывает протокол.")
    suggested_home_score: int | None = Field(default=None, ge=0, le=999)
    suggested_away_score: int | None = Field(default=None, ge=0, le=999)
    recommendation: str = Field(max_length=800, description="Что советуем судье и почему.")
    confidence: AiConfidence


async def gather(call: FlowCall, ref: MatchRef) -> Gathered:
    actor = call.principal()
    match = await visible_match(call, ref.match_id)
    await matches.require_judge(call.session, actor, match)
    require_state(match, MatchStatus.DISPUTED)
    sides = await match_teams(call, match)
    opener = await names(call, [match.disputed_by_id])
    return Gathered(
        {
            "match": await match_header(call, match, sides),
            "dispute": {
                "reason": match.dispute_reason,
                "opened_by": opener.get(match.disputed_by_id) if match.disputed_by_id else None,
                "evidence_links": len(match.dispute_evidence_urls),
            },
            "reports": await _reports(call, match, sides),
            "protocol": await protocol_data(call, match, sides),
            "lineups": await lineups_data(call, match, sides),
        }
    )


async def _reports(
    call: FlowCall, match: Match, sides: dict[uuid.UUID, Team]
) -> list[dict[str, Any]]:
    found = await matches.reports(call.session, call.principal(), match)
    people = await names(call, [r.reported_by_id for r in found])
    return [
        {
            "team": sides[r.team_id].name if r.team_id in sides else None,
            "side": "HOME" if r.team_id == match.home_team_id else "AWAY",
            "score_home_away": f"{r.home_score}:{r.away_score}",
            "comment": r.comment,
            "reported_by": people.get(r.reported_by_id),
            "reported_at": r.reported_at.isoformat(),
        }
        for r in found
    ]


MATCH_DISPUTE = register(
    Flow(
        name="analyzeMatchDispute",
        description="Разбор спорного матча для судьи: отчёты обеих команд и протокол.",
        input=MatchRef,
        output=DisputeAnalysis,
        prompt=Prompt(
            "match-dispute@1",
            "Ты помощник судьи любительских матчей. Сопоставь причину спора, счёт, который "
            "сообщила каждая команда (в формате хозяева:гости), их комментарии и протокол "
            "(голы по минутам). Изложи позиции сторон беспристрастно, скажи, что подтверждает "
            "протокол, и предложи решение; счёт предлагай, только если протокол его "
            "подтверждает. Решение принимает судья, не ты.",
        ),
        gather=gather,
        roles=(Role.JUDGE, Role.MODERATOR, Role.ADMINISTRATOR),
    )
)
