"""A redelivered event notifies nobody twice: ``processed_events``, then the unique key."""

from __future__ import annotations

import asyncio

from sqlalchemy import delete, func, select

from app.auth.principal import Principal
from app.clock import SystemClock
from app.db import Database
from app.events.models import OutboxEvent, ProcessedEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.events.worker import Worker
from app.notifications.handlers import NOTIFICATIONS
from app.notifications.models import Notification, NotificationDelivery
from app.settings import EventsSettings
from app.teams import service as teams
from app.teams.events import TeamDisbanded
from app.users.models import User
from tests.factories import add_member, create_team, create_user


async def disband(db: Database) -> tuple[list[User], OutboxEvent]:
    async with db.transaction() as session:
        captain = await create_user(session)
        team = await create_team(session, captain=captain)
        members = [await add_member(session, team=team) for _ in range(3)]
    async with db.transaction() as session:
        actor = Principal(captain.id, captain.subject, frozenset())
        await teams.disband_team(session, actor, team.id, now=SystemClock().now())
    async with db.session() as session:
        row = await session.scalar(
            select(OutboxEvent).where(OutboxEvent.type == TeamDisbanded.type)
        )
    assert row is not None
    return members, row


async def counts(db: Database) -> tuple[int, int]:
    async with db.session() as session:
        notifications = await session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.type == "TEAM_DISBANDED")
        )
        deliveries = await session.scalar(select(func.count()).select_from(NotificationDelivery))
    return int(notifications or 0), int(deliveries or 0)


def processor(db: Database) -> EventProcessor:
    return EventProcessor(NOTIFICATIONS, db, EventsSettings(), clock=SystemClock())


async def test_a_second_delivery_of_the_event_is_a_duplicate(committed_database: Database) -> None:
    members, row = await disband(committed_database)
    envelope = to_envelope(row)

    first = await processor(committed_database).process(envelope)
    second = await processor(committed_database).process(envelope)

    assert (first, second) == (Outcome.HANDLED, Outcome.DUPLICATE)
    assert await counts(committed_database) == (len(members), len(members))


async def test_the_unique_key_holds_even_when_the_handler_runs_again(
    committed_database: Database,
) -> None:
    """As if ``processed_events`` had lost the row: the handler runs, and creates nothing."""
    members, row = await disband(committed_database)
    envelope = to_envelope(row)
    await processor(committed_database).process(envelope)
    async with committed_database.transaction() as session:
        await session.execute(delete(ProcessedEvent))

    again = await processor(committed_database).process(envelope)

    assert again is Outcome.HANDLED
    assert await counts(committed_database) == (len(members), len(members))


async def test_racing_handlers_of_one_event_create_one_notification_each(
    committed_database: Database,
) -> None:
    """Two consumers (say, after a rebalance) handle the event at the same moment."""
    members, row = await disband(committed_database)
    envelope = to_envelope(row)
    racing = [
        EventProcessor(
            Worker(name, NOTIFICATIONS.handlers),
            committed_database,
            EventsSettings(),
            clock=SystemClock(),
        )
        for name in ("notifications-a", "notifications-b")
    ]

    outcomes = await asyncio.gather(*(p.process(envelope) for p in racing))

    assert outcomes == [Outcome.HANDLED, Outcome.HANDLED]
    assert await counts(committed_database) == (len(members), len(members))
