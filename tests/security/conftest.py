"""Apps with changed settings (limits, safelist, origins...) over the test's transaction."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dev_issuer import DevIssuer
from app.container import Container
from app.main import create_app
from app.operations.store import PersistedStore
from app.settings import Settings
from tests.fixtures.app import GQL

Configure = Callable[..., GQL]


def configured_settings(settings: Settings, **groups: dict[str, Any]) -> Settings:
    """``configured_settings(s, graphql={"max_depth": 3})``: a copy with group fields replaced."""
    update = {
        name: getattr(settings, name).model_copy(update=values) for name, values in groups.items()
    }
    return settings.model_copy(update=update)


@pytest.fixture
async def configure(
    container: Container, dev_issuer: DevIssuer, session: AsyncSession
) -> AsyncIterator[Configure]:
    """``gql = configure(graphql={...}, http={...})``: a GQL client of an app so configured."""
    async with AsyncExitStack() as stack:

        def build(persisted: PersistedStore | None = None, **groups: dict[str, Any]) -> GQL:
            settings = configured_settings(container.settings, **groups)
            changed = dataclasses.replace(container, settings=settings)
            if persisted is not None:
                changed.persisted = persisted
            app = create_app(container=changed)
            client = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://testserver"
            )
            stack.push_async_callback(client.aclose)
            return GQL(client, dev_issuer, session)

        yield build
