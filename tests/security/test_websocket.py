"""Checklist row 20 and the WebSocket guards: protocol abuse, origins, keep-alive, the cap.

The protocol cases that need operations still running use a small schema with a subscription
that never ends, served by our own view (``GraphQLApp``) with the project's settings.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import pytest
import strawberry
from httpx_ws import WebSocketDisconnect
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute

from app.auth.dev_issuer import DevIssuer
from app.db import Database
from app.graphql.view import GraphQLApp
from app.main import create_app
from app.settings import Settings
from tests.fixtures.app import TestClock, make_container
from tests.fixtures.configured import configured_settings
from tests.fixtures.live import LiveServer
from tests.fixtures.ws import GraphQLWebSocket, connect

FOREVER = "subscription { forever }"


@strawberry.type
class Query:
    @strawberry.field
    def ok(self) -> bool:
        return True


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def forever(self) -> AsyncIterator[int]:
        yield 1
        await asyncio.Event().wait()
        yield 2


@pytest.fixture
def build(
    settings: Settings, committed_database: Database, dev_issuer: DevIssuer, clock: TestClock
) -> Any:
    def make(*, real_schema: bool = False, **groups: dict[str, Any]) -> Starlette:
        changed = configured_settings(settings, **groups)
        container = make_container(changed, committed_database, dev_issuer, clock)
        if real_schema:
            return create_app(container=dataclasses.replace(container, settings=changed))
        schema = strawberry.Schema(query=Query, subscription=Subscription)
        view = GraphQLApp(schema, container)
        return Starlette(routes=[WebSocketRoute("/graphql", view)])

    return make


async def drain(ws: GraphQLWebSocket) -> None:
    while True:
        await ws.receive()


async def closed_with(ws: GraphQLWebSocket) -> int:
    with pytest.raises(WebSocketDisconnect) as closed:
        await drain(ws)
    return closed.value.code


async def test_a_second_connection_init_closes_with_4429(
    build: Any, live_server: LiveServer
) -> None:
    address = await live_server(build())

    async with connect(address) as ws:
        assert (await ws.init())["type"] == "connection_ack"
        await ws.send({"type": "connection_init", "payload": {}})
        assert await closed_with(ws) == 4429


async def test_subscribe_before_ack_closes_with_4401(build: Any, live_server: LiveServer) -> None:
    address = await live_server(build())

    async with connect(address) as ws:
        await ws.subscribe(FOREVER)
        assert await closed_with(ws) == 4401


async def test_a_duplicate_operation_id_closes_with_4409(
    build: Any, live_server: LiveServer
) -> None:
    address = await live_server(build())

    async with connect(address) as ws:
        await ws.init()
        message = {"id": "one", "type": "subscribe", "payload": {"query": FOREVER}}
        await ws.send(message)
        assert (await ws.next_payload("one"))["payload"] == {"data": {"forever": 1}}
        await ws.send(message)
        assert await closed_with(ws) == 4409


async def test_operations_per_connection_are_capped(build: Any, live_server: LiveServer) -> None:
    address = await live_server(build(graphql={"ws_max_operations": 3}))

    async with connect(address) as ws:
        await ws.init()
        running = [await ws.subscribe(FOREVER) for _ in range(3)]
        for operation in running:
            assert (await ws.next_payload(operation))["type"] == "next"
        extra = await ws.subscribe(FOREVER)
        refused = await ws.next_payload(extra)

    assert refused["type"] == "error"
    assert refused["payload"][0]["message"] == "Subscription limit reached"


async def test_default_cap_admits_twenty_operations(build: Any, live_server: LiveServer) -> None:
    address = await live_server(build())

    async with connect(address) as ws:
        await ws.init()
        running = [await ws.subscribe(FOREVER) for _ in range(20)]
        first_messages = [await ws.next_payload(operation) for operation in running]
        extra = await ws.next_payload(await ws.subscribe(FOREVER))

    assert {message["type"] for message in first_messages} == {"next"}
    assert extra["type"] == "error"


async def test_the_server_pings_and_closes_a_silent_peer(
    build: Any, live_server: LiveServer
) -> None:
    address = await live_server(build(graphql={"ws_keepalive_interval_s": 0.2}))

    async with connect(address) as ws:
        await ws.init()
        assert await ws.receive() == {"type": "ping"}
        await ws.send({"type": "pong"})
        assert await ws.receive() == {"type": "ping"}
        assert await closed_with(ws) == 1001


async def test_foreign_origins_cannot_open_a_websocket(build: Any, live_server: LiveServer) -> None:
    address = await live_server(
        build(real_schema=True, http={"allowed_origins": ["https://prodvor.example"]})
    )

    async with connect(address, origin="https://prodvor.example") as ws:
        assert (await ws.init())["type"] == "connection_ack"
    async with connect(address, origin=f"http://{address}") as ws:
        assert (await ws.init())["type"] == "connection_ack", "same origin"
    with pytest.raises(Exception) as refused:  # noqa: PT011 - httpx-ws raises on a refused handshake
        async with connect(address, origin="https://evil.example"):
            pass

    assert "403" in str(refused.value)
