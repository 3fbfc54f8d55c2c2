"""What the tournaments domain needs of matches besides scheduling them (``fixtures``):
reading a bracket's matches and calling off the open ones of a cancelled tournament."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.events import emit
from app.matches.events import MatchCancelled
from app.matches.models import MatchStatus
from app.matches.repository import MatchRepository


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
