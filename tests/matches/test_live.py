"""matchUpdated over a real WebSocket, fed by the real runtime (relay, hub, matches worker)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from app.auth.dev_issuer import DevIssuer
from app.db import Database
from app.main import create_app
from app.matches.models import MatchStatus
from app.settings import Settings
from app.teams.models import Team
from app.users.models import User
from tests.events.support import event_settings
from tests.factories import create_user
from tests.fixtures.app import TestClock, make_container, token_for
from tests.fixtures.live import LiveServer
from tests.fixtures.ws import connect
from tests.matches.helpers import document, two_teams

UPDATES = """
subscription Updates($matchId: ID!) {
  matchUpdated(matchId: $matchId) {
    kind
    match { status liveScore { home away } }
    event { type minute player { id } }
  }
}
"""


@pytest.fixture
async def app(
    committed_database: Database, settings: Settings, dev_issuer: DevIssuer, clock: TestClock
) -> AsyncIterator[Starlette]:
    container = make_container(
        event_settings(settings, None), committed_database, dev_issuer, clock
    )
    runtime = container.events
    await runtime.start(relay=True, workers=True, hub=True)
    try:
        await asyncio.wait_for(runtime.hub_ready.wait(), 20)
        yield create_app(container=container)
    finally:
        await runtime.stop()


async def send(
    address: str, issuer: DevIssuer, name: str, values: dict[str, Any], user: User
) -> str:
    async with httpx.AsyncClient(base_url=f"http://{address}") as client:
        response = await client.post(
            "/graphql",
            json={"query": document(name), "variables": {"v": values}},
            headers={"Authorization": f"Bearer {token_for(issuer, user)}"},
        )
    return str(response.json()["data"][name]["__typename"])


async def until_listening(app: Starlette) -> None:
    hub = app.state.container.hub
    deadline = time.monotonic() + 10
    while hub.subscriber_count == 0:
        assert time.monotonic() < deadline, "the subscription never reached the hub"
        await asyncio.sleep(0.01)


async def test_a_subscriber_sees_the_goal_and_the_confirmation(
    app: Starlette, committed_database: Database, live_server: LiveServer, dev_issuer: DevIssuer
) -> None:
    async with committed_database.transaction() as session:
        f = await two_teams(session)
        match = await f.match(session, MatchStatus.LIVE)
        fan = await create_user(session, name="Болельщик")
    address = await live_server(app)
    m = {"matchId": str(match.id)}

    async with connect(address) as ws:
        assert (await ws.init({"authorization": f"Bearer {token_for(dev_issuer, fan)}"}))[
            "type"
        ] == "connection_ack"
        operation = await ws.subscribe(UPDATES, m)
        await until_listening(app)
        goal = {"type": "GOAL", "minute": 7, "teamId": str(f.home.id)}
        await send(address, dev_issuer, "recordMatchEvent", {**m, **goal}, f.home_captain)
        scored = await ws.next_payload(operation, wait=20)
        await send(
            address,
            dev_issuer,
            "reportMatchResult",
            {**m, "ourScore": 1, "theirScore": 0},
            f.home_captain,
        )
        await send(
            address,
            dev_issuer,
            "reportMatchResult",
            {**m, "ourScore": 0, "theirScore": 1},
            f.away_captain,
        )
        reported = await ws.next_payload(operation, wait=20)
        confirmed = await ws.next_payload(operation, wait=20)

    assert scored["payload"]["data"]["matchUpdated"] == {
        "kind": "EVENT_RECORDED",
        "match": {"status": "LIVE", "liveScore": {"home": 1, "away": 0}},
        "event": {"type": "GOAL", "minute": 7, "player": None},
    }
    assert reported["payload"]["data"]["matchUpdated"]["kind"] == "RESULT_REPORTED"
    assert confirmed["payload"]["data"]["matchUpdated"]["match"]["status"] == "CONFIRMED"
    assert await wins_of(committed_database, f.home.id) == 1, "the in-process worker counted it"


async def wins_of(db: Database, team_id: Any) -> int:
    deadline = time.monotonic() + 20
    while True:
        async with db.session() as session:
            wins = int(await session.scalar(select(Team.wins).where(Team.id == team_id)) or 0)
        if wins or time.monotonic() > deadline:
            return wins
        await asyncio.sleep(0.05)


async def test_subscribing_to_an_unknown_match_is_not_found(
    app: Starlette, committed_database: Database, live_server: LiveServer, dev_issuer: DevIssuer
) -> None:
    async with committed_database.transaction() as session:
        fan = await create_user(session)
    address = await live_server(app)

    async with connect(address) as ws:
        await ws.init({"authorization": f"Bearer {token_for(dev_issuer, fan)}"})
        message = await ws.next_payload(
            await ws.subscribe(UPDATES, {"matchId": "00000000-0000-0000-0000-000000000000"})
        )

    assert message["type"] == "next"
    assert message["payload"]["errors"][0]["extensions"]["code"] == "NOT_FOUND"
