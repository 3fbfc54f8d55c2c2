"""Notification and real-time series: deliveries by channel and outcome, sockets, subscriptions."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.embedded_pg import free_port
from app.settings import Settings
from tests.factories import create_user
from tests.fixtures.app import TestClock, token_for
from tests.fixtures.live import LiveServer
from tests.fixtures.ws import connect, until_subscribed
from tests.notifications.conftest import StartLive
from tests.notifications.support import SmtpSink
from tests.notifications.test_delivery_retries import BACKOFF, dispatcher, queue_email
from tests.observability.support import sample

ADDED = "subscription NotificationFeed { notificationAdded { type } }"


async def test_deliveries_count_by_channel_and_outcome(
    database: Database, session: AsyncSession, settings: Settings, clock: TestClock
) -> None:
    port = free_port()
    loop = dispatcher(database, settings, clock, port)
    await queue_email(session, await create_user(session), clock)
    retry_before = sample("prodvor_notification_deliveries_total", channel="email", outcome="retry")
    sent_before = sample("prodvor_notification_deliveries_total", channel="email", outcome="sent")

    await loop.run_once()
    with SmtpSink(port).running():
        clock.advance(BACKOFF)
        await loop.run_once()

    retry = sample("prodvor_notification_deliveries_total", channel="email", outcome="retry")
    sent = sample("prodvor_notification_deliveries_total", channel="email", outcome="sent")
    assert (retry - retry_before, sent - sent_before) == (1, 1)


async def test_open_sockets_and_running_subscriptions_are_gauged(
    live_app: StartLive, committed_database: Database, live_server: LiveServer
) -> None:
    async with committed_database.transaction() as session:
        user = await create_user(session)
    live = await live_app(hub=True)
    await asyncio.wait_for(live.container.events.hub_ready.wait(), 20)
    address = await live_server(live.app)
    sockets_before = sample("prodvor_websocket_connections")
    feeds_before = sample("prodvor_graphql_subscriptions_active", operation="NotificationFeed")

    async with connect(address) as ws:
        await ws.init({"authorization": f"Bearer {token_for(live.issuer, user)}"})
        await ws.subscribe(ADDED)
        await until_subscribed(live.container.hub, 1)
        sockets_open = sample("prodvor_websocket_connections")
        feeds_open = sample("prodvor_graphql_subscriptions_active", operation="NotificationFeed")
    for _ in range(100):
        if sample("prodvor_websocket_connections") == sockets_before:
            break
        await asyncio.sleep(0.05)

    assert (sockets_open, feeds_open) == (sockets_before + 1, feeds_before + 1)
    assert sample("prodvor_websocket_connections") == sockets_before
    assert sample("prodvor_graphql_subscriptions_active", operation="NotificationFeed") == (
        feeds_before
    )
