"""Checklist row 19: a statement budget per SQL statement and a budget per operation."""

from __future__ import annotations

import dataclasses

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app.db import Database, create_engine
from app.main import create_app
from app.settings import DatabaseSettings
from tests.factories import create_user
from tests.fixtures.app import AppFactory, token_for
from tests.fixtures.configured import configured_settings

ME = {"query": "query { me { id displayName } }"}


async def test_a_statement_over_its_budget_is_cancelled(committed_database: Database) -> None:
    url = committed_database.engine.url.render_as_string(hide_password=False)
    engine = create_engine(url, DatabaseSettings(statement_timeout_ms=100))
    try:
        async with engine.connect() as conn:
            assert await conn.scalar(text("SELECT 1 FROM pg_sleep(0.01)")) == 1
            with pytest.raises(OperationalError, match="statement timeout"):
                await conn.execute(text("SELECT pg_sleep(1)"))
    finally:
        await engine.dispose()


def test_the_default_statement_budget_is_five_seconds() -> None:
    assert DatabaseSettings().statement_timeout_ms == 5_000


async def test_an_operation_over_its_budget_stops_with_timeout(
    committed_database: Database, app_factory: AppFactory
) -> None:
    async with committed_database.transaction() as session:
        user = await create_user(session)
    base = app_factory(committed_database).state.container
    hurried = configured_settings(base.settings, graphql={"operation_timeout_s": 1e-6})
    slow_app = create_app(container=dataclasses.replace(base, settings=hurried))
    headers = {"Authorization": f"Bearer {token_for(base.dev_issuer, user)}"}

    async with (
        httpx.AsyncClient(transport=httpx.ASGITransport(app=slow_app), base_url="http://t") as slow,
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app_factory(committed_database)), base_url="http://t"
        ) as normal,
    ):
        timed_out = (await slow.post("/graphql", json=ME, headers=headers)).json()
        served = (await normal.post("/graphql", json=ME, headers=headers)).json()

    assert timed_out["data"] is None
    assert timed_out["errors"][0]["extensions"] == {"code": "TIMEOUT", "timeoutSeconds": 1e-6}
    assert served["data"]["me"]["id"] == str(user.id)
