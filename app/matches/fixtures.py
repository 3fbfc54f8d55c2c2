"""Matches other domains create: a tournament's fixtures.

The tournaments domain decides who may schedule a fixture (its organizer, its bracket) and
calls ``schedule_tournament_match`` in its own transaction; this module keeps the match rules:
two different active teams of the tournament's sport, an approved playground if one is given.
Unlike a friendly, a fixture does not check the teams' other matches: a tournament day puts a
team on the field several times within ``MatchSettings.duration_minutes``.

The match then lives like any other (``startMatch``, reports, confirmation); its
``tournament_id`` makes the tournament's judges its judges (``app.matches.judges``), and
``match.confirmed`` carries the ``tournament_id``, the score and the winner for the standings.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import FieldCode
from app.events import emit
from app.matches.challenges import check_playground, lock_pair, scheduled
from app.matches.models import Match, MatchStatus
from app.matches.repository import MatchRepository
from app.matches.service import as_utc
from app.validation import Validator


async def schedule_tournament_match(
    session: AsyncSession,
    *,
    tournament_id: uuid.UUID,
    sport_id: uuid.UUID,
    home_team_id: uuid.UUID,
    away_team_id: uuid.UUID,
    scheduled_at: datetime,
    playground_id: uuid.UUID | None,
    scheduled_by: uuid.UUID | None,
    now: datetime,
) -> Match:
    """A SCHEDULED match of ``tournament_id``; emits ``match.scheduled`` (no challenge).

    Raises ``ValidationError`` (paths ``awayTeamId``, ``homeTeamId``, ``playgroundId``),
    ``NotFoundError`` for an unknown team, ``TeamDisbandedError`` for a disbanded one.
    """
    v = Validator()
    if home_team_id == away_team_id:
        v.add("awayTeamId", FieldCode.NOT_ALLOWED, "Команда не может играть сама с собой")
    if playground_id is not None:
        await check_playground(session, v, playground_id)
    v.raise_if_any()
    home, away = await lock_pair(session, home_team_id, away_team_id)
    for path, team in (("homeTeamId", home), ("awayTeamId", away)):
        if team.sport_id != sport_id:
            v.add(path, FieldCode.NOT_ALLOWED, "Команда играет в другой вид спорта")
    v.raise_if_any()
    match = Match(
        sport_id=sport_id,
        home_team_id=home.id,
        away_team_id=away.id,
        playground_id=playground_id,
        tournament_id=tournament_id,
        scheduled_at=as_utc(scheduled_at),
        status=MatchStatus.SCHEDULED,
        created_at=now,
        updated_at=now,
    )
    await MatchRepository(session).add(match)
    emit(session, scheduled(match, None), actor_id=scheduled_by, occurred_at=now)
    return match
