"""Player stats from the protocol of confirmed matches.

An assist counts from an ASSIST (or ASSIST_ESPORTS) entry or from the assisting player named
on a GOAL; a protocol should use one way or the other for a given goal.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.matches.events import MatchConfirmed
from app.matches.history import StatsRepository
from app.matches.models import MatchEvent, MatchEventType
from app.matches.records import ProtocolRepository
from app.teams.models import FormResult

T = MatchEventType
COUNTED = {
    T.GOAL: "goals",
    T.ASSIST: "assists",
    T.ASSIST_ESPORTS: "assists",
    T.YELLOW_CARD: "yellow_cards",
    T.RED_CARD: "red_cards",
    T.KILL: "kills",
    T.DEATH: "deaths",
}


def count(events: Sequence[MatchEvent]) -> dict[uuid.UUID, Counter[str]]:
    """What each player did, by stat column."""
    counts: defaultdict[uuid.UUID, Counter[str]] = defaultdict(Counter)
    for event in events:
        column = COUNTED.get(event.type)
        if column is not None and event.player_id is not None:
            counts[event.player_id][column] += 1
        if event.type is T.GOAL and event.related_player_id is not None:
            counts[event.related_player_id]["assists"] += 1
    return counts


def goals(events: Sequence[MatchEvent]) -> dict[uuid.UUID, int]:
    """Goals of each player who scored, counted as the player stats count them."""
    return {player_id: c["goals"] for player_id, c in count(events).items() if c["goals"]}


async def protocol_goals(session: AsyncSession, match_id: uuid.UUID) -> dict[uuid.UUID, int]:
    return goals(await ProtocolRepository(session).of_matches([match_id]))


async def record_match_stats(session: AsyncSession, event: MatchConfirmed, *, now: datetime) -> int:
    """One row per lineup player of a played match (none for a technical result); once."""
    if event.technical:
        return 0
    counts = count(await ProtocolRepository(session).of_matches([event.match_id]))
    rows = [
        _row(event, player_id, team_id, counts.get(player_id, Counter()), now)
        for team_id, players in (
            (event.home_team_id, event.home_player_ids),
            (event.away_team_id, event.away_player_ids),
        )
        for player_id in players
    ]
    return await StatsRepository(session).add_missing(rows)


async def player_stats(
    session: AsyncSession, viewer: Principal, user_id: uuid.UUID, sport_id: uuid.UUID | None
) -> list[dict[str, Any]]:
    return await StatsRepository(session).totals(user_id, sport_id)


def side_result(event: MatchConfirmed, team_id: uuid.UUID) -> FormResult:
    if event.winner_team_id is None:
        return FormResult.DRAW
    return FormResult.WIN if event.winner_team_id == team_id else FormResult.LOSS


def _row(
    event: MatchConfirmed,
    player_id: uuid.UUID,
    team_id: uuid.UUID,
    counts: Counter[str],
    now: datetime,
) -> dict[str, Any]:
    return {
        "match_id": event.match_id,
        "user_id": player_id,
        "team_id": team_id,
        "sport_id": event.sport_id,
        "result": side_result(event, team_id).value,
        "recorded_at": now,
        **{column: counts.get(column, 0) for column in set(COUNTED.values())},
    }
