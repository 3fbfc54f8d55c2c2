"""WebSocket authentication in ``connection_init`` and the protocol's connection timeout."""

from __future__ import annotations

import time

import pytest
from httpx_ws import WebSocketDisconnect

from app.auth.dev_issuer import DevIssuer
from app.db import Database
from tests.factories import create_user
from tests.fixtures.app import AppFactory, token_for
from tests.fixtures.live import LiveServer
from tests.fixtures.ws import connect

ME = "query { me { id displayName } }"


async def test_token_in_connection_init_authenticates(
    committed_database: Database,
    app_factory: AppFactory,
    live_server: LiveServer,
    dev_issuer: DevIssuer,
) -> None:
    async with committed_database.transaction() as session:
        user = await create_user(session, name="Сокет")
    address = await live_server(app_factory(committed_database))

    async with connect(address) as ws:
        ack = await ws.init({"authorization": f"Bearer {token_for(dev_issuer, user)}"})
        assert ack["type"] == "connection_ack"
        operation = await ws.subscribe(ME)
        message = await ws.next_payload(operation)

    assert message["type"] == "next"
    assert message["payload"]["data"] == {"me": {"id": str(user.id), "displayName": "Сокет"}}


async def test_anonymous_connection_gets_unauthenticated_errors(
    committed_database: Database, app_factory: AppFactory, live_server: LiveServer
) -> None:
    address = await live_server(app_factory(committed_database))

    async with connect(address) as ws:
        assert (await ws.init())["type"] == "connection_ack"
        message = await ws.next_payload(await ws.subscribe(ME))

    assert message["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_bad_token_in_connection_init_closes_with_4403(
    committed_database: Database, app_factory: AppFactory, live_server: LiveServer
) -> None:
    address = await live_server(app_factory(committed_database))

    async with connect(address) as ws:
        await ws.send({"type": "connection_init", "payload": {"authorization": "Bearer nope"}})
        with pytest.raises(WebSocketDisconnect) as closed:
            await ws.receive()

    assert closed.value.code == 4403


async def test_missing_connection_init_closes_with_4408_after_three_seconds(
    committed_database: Database, app_factory: AppFactory, live_server: LiveServer
) -> None:
    address = await live_server(app_factory(committed_database))
    started = time.monotonic()

    async with connect(address) as ws:
        with pytest.raises(WebSocketDisconnect) as closed:
            await ws.receive(wait=10)

    assert closed.value.code == 4408
    assert 2.5 < time.monotonic() - started < 5


async def test_bad_bearer_header_refuses_the_upgrade(
    committed_database: Database, app_factory: AppFactory, live_server: LiveServer
) -> None:
    address = await live_server(app_factory(committed_database))

    with pytest.raises(Exception) as refused:  # noqa: PT011 - httpx-ws raises on a refused handshake
        async with connect(address, authorization="Bearer nope"):
            pass

    assert "403" in str(refused.value)
