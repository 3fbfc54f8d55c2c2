"""The reminder task of the ``matches`` worker: ``match.reminder_due`` once per match, 2 h
before it starts, with an injected clock; the notifications worker turns it into each
member's reminder, once, even when the event comes again."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.container import Container
from app.db import Database
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.events.worker import TaskContext
from app.matches.events import MatchReminderDue
from app.matches.handlers import remind_of_matches, send_reminders
from app.matches.models import Match, MatchStatus
from app.notifications.handlers import NOTIFICATIONS
from app.notifications.models import Notification
from app.settings import EventsSettings, MatchSettings
from tests.fixtures.app import TestClock
from tests.matches.helpers import outbox, two_teams


async def test_each_pass_reminds_of_what_starts_within_two_hours_once(
    session: AsyncSession, database: Database, container: Container, clock: TestClock
) -> None:
    f = await two_teams(session)
    now = clock.now()
    due = await f.match(session, scheduled_at=now + timedelta(hours=2))
    next_one = await f.match(session, scheduled_at=now + timedelta(hours=2, minutes=5))
    await f.match(session, MatchStatus.CANCELLED, scheduled_at=now + timedelta(hours=1))
    await f.match(session, MatchStatus.LIVE, scheduled_at=now - timedelta(minutes=5))
    await f.match(session, scheduled_at=now + timedelta(minutes=30), reminded_at=now)
    stop = asyncio.Event()
    stop.set()
    context = TaskContext(database, container.settings, clock, container, stop)

    await send_reminders(context)
    first = [e.payload["match_id"] for e in await outbox(session, MatchReminderDue.type)]
    clock.advance(timedelta(minutes=5))
    await send_reminders(context)
    await send_reminders(context)

    session.expunge_all()
    everything = [e.payload["match_id"] for e in await outbox(session, MatchReminderDue.type)]
    assert first == [str(due.id)]
    assert everything == [str(due.id), str(next_one.id)]
    stored = await session.get_one(Match, due.id)
    assert stored.reminded_at == now


async def test_two_runners_remind_once_and_each_member_hears_it_once(
    committed_database: Database, clock: TestClock
) -> None:
    async with committed_database.transaction() as session:
        f = await two_teams(session)
        match = await f.match(session, scheduled_at=clock.now() + timedelta(minutes=90))
    settings = MatchSettings(reminder_batch=1)

    counts = await asyncio.gather(
        *(
            remind_of_matches(committed_database, now=clock.now(), settings=settings)
            for _ in range(3)
        )
    )

    assert sorted(counts) == [0, 0, 1]
    async with committed_database.session() as session:
        [row] = (
            await session.scalars(
                select(OutboxEvent).where(OutboxEvent.type == MatchReminderDue.type)
            )
        ).all()
    envelope = to_envelope(row)
    processor = EventProcessor(NOTIFICATIONS, committed_database, EventsSettings(), clock=clock)
    outcomes = [await processor.process(envelope) for _ in range(2)]
    assert outcomes == [Outcome.HANDLED, Outcome.DUPLICATE]
    async with committed_database.session() as session:
        stmt = (
            select(Notification.recipient_id, func.count())
            .where(Notification.type == "MATCH_REMINDER")
            .group_by(Notification.recipient_id)
        )
        heard = dict((await session.execute(stmt)).all())
        [notification] = (
            await session.scalars(
                select(Notification).where(Notification.recipient_id == f.home_player.id)
            )
        ).all()
    members = (f.home_captain, f.home_player, f.away_captain, f.away_player)
    assert heard == {member.id: 1 for member in members}
    assert notification.title == "Скоро матч «Хозяева» — «Гости»"
    assert notification.link == f"/matches/{match.id}"
