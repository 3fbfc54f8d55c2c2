"""A team's record from confirmed matches: wins, draws, losses, form and rating.

The matches domain applies these from the consequences of ``match.confirmed``. Each result
is recorded once per team and match (``team_results``), so a redelivered event changes
nothing, and the form is rebuilt from the recorded results in the order the matches were
played, whatever order their confirmations arrive in.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFoundError
from app.teams.models import FormResult, Team
from app.teams.repository import ResultRepository, TeamRepository

FORM_LENGTH = 5

_COUNTERS = {FormResult.WIN: "wins", FormResult.DRAW: "draws", FormResult.LOSS: "losses"}


async def apply_match_result(
    session: AsyncSession,
    team_id: uuid.UUID,
    *,
    match_id: uuid.UUID,
    result: FormResult,
    played_at: datetime,
    now: datetime,
) -> bool:
    """Count a confirmed match for the team, once; returns whether this call counted it.

    Disbanded teams are counted too: a match they played before disbanding still happened.
    """
    team = await _locked(session, team_id)
    results = ResultRepository(session)
    if not await results.add(team.id, match_id, result, played_at, now):
        return False
    counter = _COUNTERS[result]
    setattr(team, counter, getattr(team, counter) + 1)
    team.form = [str(r) for r in await results.latest(team.id, FORM_LENGTH)]
    await session.flush()
    return True


async def set_rating(session: AsyncSession, team_id: uuid.UUID, rating: float) -> None:
    """The team's skill rating (ordinal) in its sport, which orders the teams list."""
    team = await _locked(session, team_id)
    team.rating = rating
    await session.flush()


async def _locked(session: AsyncSession, team_id: uuid.UUID) -> Team:
    team = await TeamRepository(session).get_for_update(team_id)
    if team is None:
        raise NotFoundError()
    return team
