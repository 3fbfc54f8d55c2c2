"""A whole process over a committed database: API, relay, the notifications worker and its
sending loop (and the hub when asked), with settings pointing at the test's SMTP sink and
push service."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from app.auth.dev_issuer import DevIssuer
from app.container import Container
from app.db import Database
from app.main import create_app
from app.settings import Settings
from app.users.models import User
from tests.events.support import event_settings
from tests.fixtures.app import TestClock, make_container, token_for
from tests.fixtures.configured import configured_settings

FAST_DELIVERY = {"delivery_poll_s": 0.05, "delivery_backoff_s": 0.05}


@dataclass
class Live:
    container: Container
    app: Starlette
    client: httpx.AsyncClient
    issuer: DevIssuer

    @property
    def db(self) -> Database:
        return self.container.db

    async def gql(self, query: str, variables: dict[str, Any], user: User) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token_for(self.issuer, user)}"}
        body = {"query": query, "variables": variables}
        response = await self.client.post("/graphql", json=body, headers=headers)
        payload = response.json()
        assert "errors" not in payload, payload
        return dict(payload["data"])


StartLive = Callable[..., Awaitable[Live]]


@pytest.fixture
async def live_app(
    committed_database: Database, settings: Settings, dev_issuer: DevIssuer, clock: TestClock
) -> AsyncIterator[StartLive]:
    """``live = await live_app(mail={...}, push={...})``: running until the test ends."""
    async with AsyncExitStack() as stack:

        async def start(*, hub: bool = False, **groups: dict[str, Any]) -> Live:
            groups["notifications"] = {**FAST_DELIVERY, **groups.get("notifications", {})}
            config = configured_settings(event_settings(settings, None), **groups)
            container = make_container(config, committed_database, dev_issuer, clock)
            app = create_app(container=container)
            client = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://testserver"
            )
            stack.push_async_callback(client.aclose)
            await container.events.start(relay=True, workers=True, hub=hub)
            stack.push_async_callback(container.events.stop)
            return Live(container, app, client, dev_issuer)

        yield start
