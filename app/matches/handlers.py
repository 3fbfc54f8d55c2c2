"""The ``matches`` worker: what a confirmed result changes, and the auto-confirmation task.

The consequences run here, from ``match.confirmed``, not in the confirming transaction: a
captain's report (or the periodic confirmation) stays a short transaction on one match row,
instead of also locking both teams, the playground and up to two rosters of rating rows in a
user's request, where it would contend with every other match of those teams. Exactly once
holds twice over: ``processed_events`` absorbs a redelivery, and every effect has its own
natural key (``team_results``, ``skill_rating_changes`` and ``match_player_stats`` by match,
``playground_court_wins`` by match), so even a replay under another consumer name changes
nothing.

The reminder task works the same way: it emits ``match.reminder_due`` once per scheduled
match shortly before the start (``app.matches.reminders``), for the notifications worker.

The auto-confirmation task runs wherever the worker runs (in ``prodvor serve`` on the local
transport, in ``prodvor worker matches`` with Kafka). Any number of copies may run: each
confirms under ``FOR UPDATE SKIP LOCKED`` and re-checks the state, so a report is confirmed
once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.events.worker import HandlerContext, TaskContext, Worker, every, in_batches
from app.matches import ratings, reminders, scoring, stats
from app.matches.events import MatchConfirmed
from app.playgrounds import court
from app.settings import MatchSettings
from app.teams import standing


async def apply_team_results(ctx: HandlerContext, event: MatchConfirmed) -> None:
    for team_id in (event.home_team_id, event.away_team_id):
        await standing.apply_match_result(
            ctx.session,
            team_id,
            match_id=event.match_id,
            result=stats.side_result(event, team_id),
            played_at=event.played_at,
            now=ctx.now,
        )


async def update_ratings(ctx: HandlerContext, event: MatchConfirmed) -> None:
    await ratings.rate_match(ctx.session, event, now=ctx.now)


async def record_player_stats(ctx: HandlerContext, event: MatchConfirmed) -> None:
    await stats.record_match_stats(ctx.session, event, now=ctx.now)


async def count_court_win(ctx: HandlerContext, event: MatchConfirmed) -> None:
    """King of the court: wins of played matches at a playground (not technical ones)."""
    if event.technical or event.winner_team_id is None or event.playground_id is None:
        return
    await court.record_confirmed_win(
        ctx.session,
        playground_id=event.playground_id,
        team_id=event.winner_team_id,
        match_id=event.match_id,
        now=ctx.now,
    )


async def confirm_overdue_matches(db: Database, *, now: datetime, batch: int) -> int:
    """Confirm every overdue report, a batch per transaction; returns how many."""

    async def step(session: AsyncSession, limit: int) -> int:
        return len(await scoring.confirm_overdue(session, now=now, limit=limit))

    return await in_batches(db, batch, step)


async def remind_of_matches(db: Database, *, now: datetime, settings: MatchSettings) -> int:
    """Emit every due reminder, a batch per transaction; returns how many."""

    async def step(session: AsyncSession, limit: int) -> int:
        found = await reminders.remind_due(session, now=now, settings=settings, limit=limit)
        return len(found)

    return await in_batches(db, settings.reminder_batch, step)


async def auto_confirm(ctx: TaskContext) -> None:
    """Every interval, confirm the reports left unanswered; returns once ``stop`` is set."""
    settings = ctx.settings.matches
    await every(
        ctx,
        settings.auto_confirm_interval_s,
        lambda: confirm_overdue_matches(
            ctx.db, now=ctx.clock.now(), batch=settings.auto_confirm_batch
        ),
    )


async def send_reminders(ctx: TaskContext) -> None:
    """Every interval, emit the reminders of matches starting soon; returns once ``stop`` is
    set."""
    settings = ctx.settings.matches
    await every(
        ctx,
        settings.reminder_interval_s,
        lambda: remind_of_matches(ctx.db, now=ctx.clock.now(), settings=settings),
    )


MATCHES_WORKER = Worker(
    "matches",
    {MatchConfirmed: [apply_team_results, update_ratings, record_player_stats, count_court_win]},
    tasks=[auto_confirm, send_reminders],
)
