"""A ban closes the banned user's open WebSockets (real uvicorn, relay and hub running)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from httpx_ws import WebSocketDisconnect

from app.auth.dev_issuer import DevIssuer
from app.auth.roles import Role
from app.db import Database
from app.graphql.websocket import BANNED_CLOSE_CODE
from app.settings import Settings
from tests.chat.live import LiveChat, live_chat, until
from tests.events.support import event_settings
from tests.factories import create_user, create_user_report
from tests.fixtures.app import TestClock, token_for
from tests.fixtures.live import LiveServer
from tests.fixtures.ws import GraphQLWebSocket, connect

NOTIFICATIONS = "subscription { notificationAdded { id } }"
RESOLVE = """
mutation($input: ResolveUserReportInput!) { resolveUserReport(input: $input) { __typename } }
"""


async def until_closed(ws: GraphQLWebSocket) -> None:
    """Read until the server closes the socket (a keep-alive ping may come first)."""
    while True:
        await ws.receive(wait=10)


@pytest.fixture
async def live(
    settings: Settings,
    committed_database: Database,
    dev_issuer: DevIssuer,
    clock: TestClock,
    live_server: LiveServer,
) -> AsyncIterator[LiveChat]:
    config = event_settings(settings, None)
    async with live_chat(
        config, committed_database, dev_issuer, clock, live_server, workers=False
    ) as server:
        yield server


async def test_a_banned_users_subscription_is_closed_and_cannot_reconnect(
    live: LiveChat, committed_database: Database
) -> None:
    async with committed_database.transaction() as session:
        moderator = await create_user(session, roles=[Role.MODERATOR])
        offender, bystander = await create_user(session), await create_user(session)
        report = await create_user_report(session, reporter=bystander, reported=offender)
    hub = live.container.hub

    async with live.socket(offender) as banned_ws, live.socket(bystander) as other_ws:
        await live.subscribed(banned_ws, NOTIFICATIONS)
        await live.subscribed(other_ws, NOTIFICATIONS)
        await until(lambda: hub.watcher_count == 2)
        variables = {"input": {"reportId": str(report.id), "action": "PERM_BAN"}}
        result = await live.post(RESOLVE, variables, moderator)
        assert result["resolveUserReport"]["__typename"] == "ResolveUserReportPayload"

        with pytest.raises(WebSocketDisconnect) as closed:
            await until_closed(banned_ws)
        await until(lambda: hub.watcher_count == 1)
        await other_ws.send({"type": "ping"})
        assert await other_ws.receive() == {"type": "pong"}

    assert closed.value.code == BANNED_CLOSE_CODE
    async with connect(live.address) as ws:
        token = token_for(live.issuer, offender)
        await ws.send({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
        with pytest.raises(WebSocketDisconnect) as refused:
            await ws.receive()
    assert refused.value.code == 4403
