"""King of the court: the team with most confirmed wins at a playground.

The matches domain calls ``record_confirmed_win`` from the consequences of ``match.confirmed``;
a redelivered event records nothing twice because each match is counted once. Of two teams
with as many wins, the one that got there first keeps the crown.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotFoundError
from app.events import emit
from app.playgrounds.events import PlaygroundWinRecorded
from app.playgrounds.records import CourtRepository
from app.playgrounds.repository import PlaygroundRepository


async def record_confirmed_win(
    session: AsyncSession,
    *,
    playground_id: uuid.UUID,
    team_id: uuid.UUID,
    match_id: uuid.UUID,
    now: datetime,
) -> bool:
    """Count the winner of a confirmed match played at the playground, once per match.

    Returns whether this call counted it (``False`` for a match counted before). The
    playground's row lock orders concurrent wins, so each event names the king after it.
    """
    if await PlaygroundRepository(session).get_for_update(playground_id) is None:
        raise NotFoundError()
    court = CourtRepository(session)
    if not await court.add_win(
        match_id=match_id, playground_id=playground_id, team_id=team_id, now=now
    ):
        return False
    wins = await court.count_win(playground_id, team_id, now)
    [king] = await court.kings_of([playground_id])
    event = PlaygroundWinRecorded(
        playground_id=playground_id,
        match_id=match_id,
        team_id=team_id,
        wins=wins,
        king_team_id=king.team_id,
    )
    emit(session, event, actor_id=None, occurred_at=now)
    return True
