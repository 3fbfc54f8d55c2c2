"""The ``challenges`` worker: no event handlers, one periodic task that settles the reports
the other side left unanswered past ``confirm_by`` (the 48-hour rule of matches)."""

from __future__ import annotations

from datetime import datetime

from app.challenges import outcome
from app.db import Database
from app.events.transport import wait_any
from app.events.worker import TaskContext, Worker


async def confirm_overdue_challenges(db: Database, *, now: datetime, batch: int) -> int:
    """Settle every overdue report, a batch per transaction; returns how many."""
    settled = 0
    while True:
        async with db.transaction() as session:
            done = len(await outcome.confirm_overdue(session, now=now, limit=batch))
        settled += done
        if done < batch:
            return settled


async def auto_confirm(ctx: TaskContext) -> None:
    """Every interval, settle the reports left unanswered; returns once ``stop`` is set."""
    settings = ctx.settings.matches
    while True:
        await confirm_overdue_challenges(
            ctx.db, now=ctx.clock.now(), batch=settings.auto_confirm_batch
        )
        if ctx.stop.is_set():
            return
        await wait_any(ctx.stop, seconds=settings.auto_confirm_interval_s)


CHALLENGES_WORKER = Worker("challenges", tasks=[auto_confirm])
