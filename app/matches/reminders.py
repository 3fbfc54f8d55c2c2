"""Reminders before scheduled matches: ``match.reminder_due`` once per match.

The ``matches`` worker's reminder task calls ``remind_due`` periodically; the notifications
worker turns the event into each member's reminder. ``reminded_at`` marks a match as done
under its row lock (``FOR UPDATE SKIP LOCKED``), so any number of runners emit one event per
match. A match scheduled less than the reminder period ahead is reminded of at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.events import emit
from app.matches.events import MatchReminderDue
from app.matches.models import Match
from app.matches.repository import MatchRepository
from app.settings import MatchSettings


async def remind_due(
    session: AsyncSession, *, now: datetime, settings: MatchSettings, limit: int
) -> list[Match]:
    """Emit the reminder of every match starting within the period (a batch of them)."""
    until = now + timedelta(hours=settings.reminder_hours)
    matches = await MatchRepository(session).reminders_due_for_update(now, until, limit)
    for match in matches:
        match.reminded_at = now
        event = MatchReminderDue(
            match_id=match.id,
            home_team_id=match.home_team_id,
            away_team_id=match.away_team_id,
            playground_id=match.playground_id,
            scheduled_at=match.scheduled_at,
        )
        emit(session, event, actor_id=None, occurred_at=now)
    await session.flush()
    return matches
