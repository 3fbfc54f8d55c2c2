"""The sending loop against a real SMTP server that is down, refusing, or slow to come back.

The loop is driven one round at a time (``run_once``) with the test clock, so backoff is
checked by moving time rather than by waiting.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.db import Database
from app.embedded_pg import free_port
from app.notifications import deliveries, preferences, service
from app.notifications.catalogue import NotificationType
from app.notifications.dispatch import Dispatcher
from app.notifications.models import DeliveryStatus, NotificationDelivery
from app.settings import Settings
from app.users.models import User
from tests.factories import create_user
from tests.fixtures.app import TestClock
from tests.fixtures.configured import configured_settings
from tests.notifications.support import SmtpSink

BACKOFF = timedelta(seconds=30)


def dispatcher(
    database: Database, settings: Settings, clock: TestClock, port: int, **notifications: Any
) -> Dispatcher:
    config = configured_settings(
        settings,
        mail={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_starttls": False},
        notifications={
            "delivery_backoff_s": BACKOFF.total_seconds(),
            "delivery_concurrency": 1,
            **notifications,
        },
    )
    return Dispatcher.from_settings(database, config, clock)


async def queue_email(session: AsyncSession, user: User, clock: TestClock) -> NotificationDelivery:
    notice = service.Notice(
        type=NotificationType.TEAM_DISBANDED,
        recipients=[user.id],
        title="Команда «Ветер» распущена",
        body="Капитан распустил команду «Ветер».",
        link="/teams/veter",
    )
    [notification] = await service.notify(
        session, notice, source_event_id=uuid.uuid4(), actor_id=None, now=clock.now()
    )
    [delivery] = await _deliveries(session)
    assert delivery.notification_id == notification.id
    return delivery


async def _deliveries(session: AsyncSession) -> list[NotificationDelivery]:
    return list((await session.scalars(select(NotificationDelivery))).all())


async def state(session: AsyncSession, delivery: NotificationDelivery) -> NotificationDelivery:
    fresh = await session.get(NotificationDelivery, delivery.id, populate_existing=True)
    assert fresh is not None
    return fresh


async def test_smtp_down_delays_the_email_without_losing_it(
    database: Database, session: AsyncSession, settings: Settings, clock: TestClock
) -> None:
    port = free_port()
    loop = dispatcher(database, settings, clock, port)
    delivery = await queue_email(session, await create_user(session), clock)

    assert await loop.run_once() == 1
    waiting = await state(session, delivery)
    assert (waiting.status, waiting.attempts) == (DeliveryStatus.PENDING, 1)
    assert "unreachable" in (waiting.last_error or "") or "SMTPConnect" in (
        waiting.last_error or ""
    )
    assert waiting.next_attempt_at == clock.now() + BACKOFF
    assert await loop.run_once() == 0

    with SmtpSink(port).running() as sink:
        clock.advance(BACKOFF)
        assert await loop.run_once() == 1

    sent = await state(session, delivery)
    assert (sent.status, sent.attempts, sent.last_error) == (DeliveryStatus.SENT, 2, None)
    assert sent.sent_at == clock.now()
    assert [str(m["Subject"]) for m in sink.messages] == ["Команда «Ветер» распущена"]


async def test_backoff_doubles_and_the_last_attempt_fails_for_good(
    database: Database, session: AsyncSession, settings: Settings, clock: TestClock
) -> None:
    loop = dispatcher(database, settings, clock, free_port(), delivery_max_attempts=3)
    delivery = await queue_email(session, await create_user(session), clock)

    waits = []
    for _ in range(3):
        before = clock.now()
        assert await loop.run_once() == 1
        current = await state(session, delivery)
        waits.append(current.next_attempt_at - before)
        clock.current = current.next_attempt_at

    failed = await state(session, delivery)
    assert waits[:2] == [BACKOFF, 2 * BACKOFF]
    assert (failed.status, failed.attempts) == (DeliveryStatus.FAILED, 3)
    assert (failed.last_error or "").startswith("gave up after 3 attempts")
    clock.advance(timedelta(days=1))
    assert await loop.run_once() == 0


async def test_a_permanent_refusal_is_recorded_and_not_retried(
    database: Database, session: AsyncSession, settings: Settings, clock: TestClock
) -> None:
    user = await create_user(session)
    sink = SmtpSink()
    sink.handler.refuse[str(user.email)] = "550 5.1.1 Нет такого ящика"
    loop = dispatcher(database, settings, clock, sink.port)
    delivery = await queue_email(session, user, clock)

    with sink.running():
        assert await loop.run_once() == 1
        clock.advance(timedelta(days=1))
        assert await loop.run_once() == 0

    failed = await state(session, delivery)
    assert (failed.status, failed.attempts) == (DeliveryStatus.FAILED, 1)
    assert "550" in (failed.last_error or "")
    assert sink.messages == []


async def test_a_temporary_refusal_is_retried(
    database: Database, session: AsyncSession, settings: Settings, clock: TestClock
) -> None:
    user = await create_user(session)
    sink = SmtpSink()
    sink.handler.refuse[str(user.email)] = "451 4.3.0 Попробуйте позже"
    loop = dispatcher(database, settings, clock, sink.port)
    delivery = await queue_email(session, user, clock)

    with sink.running():
        assert await loop.run_once() == 1
        sink.handler.refuse.clear()
        clock.advance(BACKOFF)
        assert await loop.run_once() == 1

    sent = await state(session, delivery)
    assert (sent.status, sent.attempts) == (DeliveryStatus.SENT, 2)
    assert len(sink.messages) == 1


async def test_turning_email_off_meanwhile_cancels_the_queued_email(
    database: Database, session: AsyncSession, settings: Settings, clock: TestClock
) -> None:
    user = await create_user(session)
    sink = SmtpSink()
    loop = dispatcher(database, settings, clock, sink.port)
    delivery = await queue_email(session, user, clock)
    actor = Principal(user.id, user.subject, frozenset())
    change = preferences.PreferenceChange(NotificationType.TEAM_DISBANDED, email=False)
    await preferences.update_preferences(session, actor, [change], now=clock.now())

    with sink.running():
        assert await loop.run_once() == 1

    cancelled = await state(session, delivery)
    assert cancelled.status is DeliveryStatus.CANCELLED
    assert sink.messages == []


async def test_a_delivery_taken_by_a_worker_that_died_is_sent_after_the_lease(
    database: Database, session: AsyncSession, settings: Settings, clock: TestClock
) -> None:
    sink = SmtpSink()
    loop = dispatcher(database, settings, clock, sink.port, delivery_lease_s=300)
    delivery = await queue_email(session, await create_user(session), clock)
    async with database.transaction() as other:
        [taken] = await deliveries.claim(
            other, now=clock.now(), settings=loop.settings.notifications
        )
    assert taken.delivery.id == delivery.id

    with sink.running():
        assert await loop.run_once() == 0
        clock.advance(timedelta(seconds=300))
        assert await loop.run_once() == 1

    sent = await state(session, delivery)
    assert (sent.status, sent.attempts) == (DeliveryStatus.SENT, 2)
    assert len(sink.messages) == 1
