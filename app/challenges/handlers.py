"""The ``challenges`` worker: no event handlers, one periodic task that settles the reports
the other side left unanswered past ``confirm_by`` (the 48-hour rule of matches)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.challenges import outcome
from app.db import Database
from app.events.worker import TaskContext, Worker, every, in_batches


async def confirm_overdue_challenges(db: Database, *, now: datetime, batch: int) -> int:
    """Settle every overdue report, a batch per transaction; returns how many."""

    async def step(session: AsyncSession, limit: int) -> int:
        return len(await outcome.confirm_overdue(session, now=now, limit=limit))

    return await in_batches(db, batch, step)


async def auto_confirm(ctx: TaskContext) -> None:
    """Every interval, settle the reports left unanswered; returns once ``stop`` is set."""
    settings = ctx.settings.matches
    await every(
        ctx,
        settings.auto_confirm_interval_s,
        lambda: confirm_overdue_challenges(
            ctx.db, now=ctx.clock.now(), batch=settings.auto_confirm_batch
        ),
    )


CHALLENGES_WORKER = Worker("challenges", tasks=[auto_confirm])
