"""What match flows know about a match: its teams, protocol, lineups and recent results.

Matches are public to every signed-in user, so these read through the matches service as the
caller; flows that need more (the dispute's judges) check it themselves.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from app.ai.registry import FlowCall
from app.errors import FieldCode, FieldIssue, NotFoundError, ValidationError
from app.matches import service as matches
from app.matches.models import Match, MatchEvent, MatchStatus
from app.sports import service as sports
from app.teams import service as teams
from app.teams.models import Team
from app.users import service as users

RECENT = 5
"""Confirmed matches of each team a flow sees."""


async def visible_match(call: FlowCall, match_id: uuid.UUID) -> Match:
    match = await matches.get_match(call.session, call.principal(), match_id)
    if match is None:
        raise NotFoundError("Матч не найден")
    return match


def require_state(match: Match, *allowed: MatchStatus) -> None:
    """Refused as ``matchId`` when the match is not in one of the ``allowed`` states."""
    if match.status not in allowed:
        message = "Для матча в этом состоянии этот ИИ-сценарий недоступен"
        raise ValidationError([FieldIssue("matchId", FieldCode.NOT_ALLOWED, message)])


async def match_teams(call: FlowCall, match: Match) -> dict[uuid.UUID, Team]:
    found = await teams.teams_by_id(call.session, list(match.team_ids()))
    if len(found) != 2:
        raise NotFoundError()
    return found


async def match_header(
    call: FlowCall, match: Match, sides: dict[uuid.UUID, Team]
) -> dict[str, Any]:
    sport = await sports.get_sport(call.session, match.sport_id)
    return {
        "sport": sport.name if sport else None,
        "scheduled_at": match.scheduled_at.isoformat(),
        "home": sides[match.home_team_id].name,
        "away": sides[match.away_team_id].name,
        "status": match.status.value,
        "score": _score(match),
        "result_kind": match.result_kind.value if match.result_kind else None,
        "technical_reason": match.technical_reason,
    }


async def names(call: FlowCall, user_ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    found = await users.users_by_id(call.session, sorted({u for u in user_ids if u is not None}))
    return {user_id: user.display_name for user_id, user in found.items()}


async def protocol_data(
    call: FlowCall, match: Match, sides: dict[uuid.UUID, Team]
) -> list[dict[str, Any]]:
    events = await matches.protocol(call.session, call.principal(), match)
    people = await names(call, [p for e in events for p in (e.player_id, e.related_player_id)])
    return [_event(event, sides, people) for event in events]


async def lineups_data(
    call: FlowCall, match: Match, sides: dict[uuid.UUID, Team]
) -> dict[str, list[str]]:
    home, away = await matches.lineups(call.session, match)
    people = await names(call, [*home, *away])
    return {
        sides[match.home_team_id].name: [people.get(p, "Игрок") for p in home],
        sides[match.away_team_id].name: [people.get(p, "Игрок") for p in away],
    }


async def team_form(call: FlowCall, team: Team) -> dict[str, Any]:
    """The team's rating, record and its latest confirmed results, from its side."""
    played = await matches.played_matches(
        call.session, call.principal(), team.id, limit=RECENT, confirmed_only=True
    )
    return {
        "name": team.name,
        "rating": round(team.rating, 2),
        "record": {"wins": team.wins, "draws": team.draws, "losses": team.losses},
        "form": team.form,
        "recent_results": await results_of(call, team.id, played),
    }


async def results_of(
    call: FlowCall, team_id: uuid.UUID, played: Sequence[Match]
) -> list[dict[str, Any]]:
    opponents = await teams.teams_by_id(call.session, [m.opponent_of(team_id) for m in played])
    return [
        {
            "date": m.scheduled_at.date().isoformat(),
            "opponent": _name(opponents, m.opponent_of(team_id)),
            "home": m.home_team_id == team_id,
            "score": _score(m, side=team_id),
            "result": _result(m, team_id),
        }
        for m in played
    ]


def _event(
    event: MatchEvent, sides: dict[uuid.UUID, Team], people: dict[uuid.UUID, str]
) -> dict[str, Any]:
    return {
        "minute": event.minute,
        "type": event.type.value,
        "team": _name(sides, event.team_id),
        "player": people.get(event.player_id) if event.player_id else None,
        "related_player": people.get(event.related_player_id) if event.related_player_id else None,
        "comment": event.comment,
    }


def _score(match: Match, *, side: uuid.UUID | None = None) -> str | None:
    """``home:away``, or ``ours:theirs`` for ``side``; ``None`` until confirmed."""
    if match.home_score is None or match.away_score is None:
        return None
    if side == match.away_team_id:
        return f"{match.away_score}:{match.home_score}"
    return f"{match.home_score}:{match.away_score}"


def _result(match: Match, team_id: uuid.UUID) -> str | None:
    if match.status is not MatchStatus.CONFIRMED:
        return None
    if match.winner_team_id is None:
        return "DRAW"
    return "WIN" if match.winner_team_id == team_id else "LOSS"


def _name(found: dict[uuid.UUID, Team], team_id: uuid.UUID) -> str:
    team = found.get(team_id)
    return team.name if team is not None else "Команда"
