"""The auto-confirmation task of the ``matches`` worker, with an injected clock."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.container import Container
from app.db import Database
from app.events.worker import TaskContext
from app.matches.handlers import MATCHES_WORKER, auto_confirm, send_reminders
from app.matches.models import Match, MatchReport, MatchStatus
from app.workers import all_workers
from tests.fixtures.app import TestClock
from tests.matches.helpers import outbox, two_teams


async def test_one_pass_confirms_what_is_overdue_and_nothing_else(
    session: AsyncSession, database: Database, container: Container, clock: TestClock
) -> None:
    f = await two_teams(session)
    overdue = await f.match(session, MatchStatus.AWAITING_CONFIRMATION, confirm_by=clock.now())
    waiting = await f.match(
        session,
        MatchStatus.AWAITING_CONFIRMATION,
        confirm_by=clock.now() + timedelta(minutes=1),
        scheduled_at=clock.now() + timedelta(days=1),
    )
    for match in (overdue, waiting):
        session.add(
            MatchReport(
                match_id=match.id,
                team_id=f.away.id,
                home_score=0,
                away_score=2,
                reported_by_id=f.away_captain.id,
                reported_at=clock.now(),
            )
        )
    await session.flush()
    stop = asyncio.Event()
    stop.set()
    context = TaskContext(database, container.settings, clock, container, stop)

    await auto_confirm(context)

    session.expunge_all()
    confirmed = await session.get(Match, overdue.id)
    still_waiting = await session.get(Match, waiting.id)
    assert confirmed is not None
    assert still_waiting is not None
    assert (confirmed.status, confirmed.winner_team_id) == (MatchStatus.CONFIRMED, f.away.id)
    assert still_waiting.status is MatchStatus.AWAITING_CONFIRMATION
    [event] = await outbox(session, "match.confirmed")
    assert event.payload["result_kind"] == "AUTO_CONFIRMED"


def test_the_worker_runs_the_task_and_consumes_confirmations() -> None:
    assert all_workers()["matches"] is MATCHES_WORKER
    assert list(MATCHES_WORKER.tasks) == [auto_confirm, send_reminders]
    assert MATCHES_WORKER.topics == frozenset({"prodvor.matches"})
