"""Matches that a tournament's bracket schedules (the tournaments domain calls this).

A bracket match has no challenge: the tournament decides the teams and the time. It is an
ordinary match from then on (lineups, start, reports, disputes by the tournament's judges),
and its ``match.confirmed`` carries the tournament id back to the bracket.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.events import emit
from app.matches.challenges import scheduled
from app.matches.events import MatchCancelled
from app.matches.models import Match, MatchStatus
from app.matches.repository import MatchRepository


async def schedule_bracket_match(
    session: AsyncSession,
    *,
    tournament_id: uuid.UUID,
    sport_id: uuid.UUID,
    home_team_id: uuid.UUID,
    away_team_id: uuid.UUID,
    playground_id: uuid.UUID | None,
    scheduled_at: datetime,
    actor_id: uuid.UUID | None,
    now: datetime,
) -> Match:
    match = Match(
        sport_id=sport_id,
        tournament_id=tournament_id,
        home_team_id=home_team_id,
        away_team_id=away_team_id,
        playground_id=playground_id,
        scheduled_at=scheduled_at,
        status=MatchStatus.SCHEDULED,
        created_at=now,
        updated_at=now,
    )
    await MatchRepository(session).add(match)
    emit(session, scheduled(match, None), actor_id=actor_id, occurred_at=now)
    return match


async def bracket_matches(session: AsyncSession, match_ids: Sequence[uuid.UUID]) -> list[Match]:
    """Matches by id (any order), for a bracket's statuses and times."""
    return await MatchRepository(session).get_many(match_ids) if match_ids else []


async def cancel_bracket_matches(
    session: AsyncSession,
    match_ids: Sequence[uuid.UUID],
    reason: str,
    *,
    actor_id: uuid.UUID,
    now: datetime,
) -> None:
    """Calls off the scheduled and live matches among ``match_ids`` (a cancelled tournament)."""
    repo = MatchRepository(session)
    for match_id in sorted(match_ids):
        match = await repo.get_for_update(match_id)
        if match is None or match.status not in (MatchStatus.SCHEDULED, MatchStatus.LIVE):
            continue
        match.status = MatchStatus.CANCELLED
        match.cancelled_at = now
        match.cancelled_by_id = actor_id
        match.cancel_reason = reason
        match.updated_at = now
        await session.flush()
        event = MatchCancelled(
            match_id=match.id,
            home_team_id=match.home_team_id,
            away_team_id=match.away_team_id,
            cancelled_by=actor_id,
            reason=reason,
        )
        emit(session, event, actor_id=actor_id, occurred_at=now)
