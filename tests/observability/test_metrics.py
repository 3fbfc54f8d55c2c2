"""``/metrics``: on its own listener only, behind its token, with the series the alerts read."""

from __future__ import annotations

import uuid

import httpx
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import SystemClock
from app.db import Database
from app.events.models import ConsumerOffset, DeadLetter
from app.observability.endpoint import metrics_app
from app.observability.metrics import operation_label, record_ledger_transfer
from app.settings import MetricsSettings
from tests.events.support import emit_pings
from tests.factories import create_user
from tests.fixtures.app import GQL
from tests.observability.support import sample

TOKEN = "scrape-" + uuid.uuid4().hex


async def scrape(db: Database, token: str | None = TOKEN) -> httpx.Response:
    app = metrics_app(db, SystemClock(), MetricsSettings(port=9100, token=TOKEN))
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://metrics") as client:
        return await client.get("/metrics", headers=headers)


def families(response: httpx.Response) -> dict[str, list[tuple[dict[str, str], float]]]:
    found: dict[str, list[tuple[dict[str, str], float]]] = {}
    for family in text_string_to_metric_families(response.text):
        for s in family.samples:
            found.setdefault(s.name, []).append((s.labels, s.value))
    return found


async def test_the_api_does_not_serve_metrics(client: httpx.AsyncClient) -> None:
    response = await client.get("/metrics")

    assert response.status_code == 404


async def test_a_scrape_needs_the_token(database: Database) -> None:
    missing = await scrape(database, token=None)
    wrong = await scrape(database, token="guess")
    right = await scrape(database)

    assert (missing.status_code, wrong.status_code, right.status_code) == (401, 401, 200)
    assert "prodvor_" not in missing.text + wrong.text
    assert right.headers["content-type"].startswith("text/plain")


async def test_graphql_operations_count_by_name_and_outcome(
    gql: GQL, session: AsyncSession, database: Database
) -> None:
    user = await create_user(session)
    ok = {"operation": "Me", "type": "query", "outcome": "ok"}
    denied = {"operation": "Me", "type": "query", "outcome": "error"}
    before = sample("prodvor_graphql_operations_total", **ok)
    before_denied = sample("prodvor_graphql_operations_total", **denied)
    before_http = sample(
        "prodvor_http_request_duration_seconds_count", route="/graphql", method="POST", status="200"
    )

    await gql("query Me { me { id } }", as_user=user)
    await gql("query Me { me { id } }", as_user=user)
    await gql("query Me { me { id } }")

    assert sample("prodvor_graphql_operations_total", **ok) == before + 2
    assert sample("prodvor_graphql_operations_total", **denied) == before_denied + 1
    http = sample(
        "prodvor_http_request_duration_seconds_count", route="/graphql", method="POST", status="200"
    )
    assert http == before_http + 3
    latency = families(await scrape(database))["prodvor_graphql_operation_duration_seconds_count"]
    assert any(labels == {"operation": "Me", "type": "query"} for labels, _ in latency)


def test_operation_labels_stay_bounded() -> None:
    assert operation_label(None) == "anonymous"
    assert operation_label("Me") == "Me"
    assert operation_label("drop table; --") == "invalid"
    assert operation_label("x" * 65) == "invalid"


async def test_pipeline_pool_and_ledger_series_after_exercising_them(
    committed_database: Database,
) -> None:
    db = committed_database
    await emit_pings(db, "metrics", [1, 2, 3])
    async with db.transaction() as session:
        await session.execute(
            insert(DeadLetter).values(
                consumer="notifications", event_id=uuid.uuid4(), envelope={}, error="x", attempts=5
            )
        )
        session.add(ConsumerOffset(consumer="gamification", position=0))
    record_ledger_transfer("quest_reward")

    found = families(await scrape(db))

    assert found["prodvor_outbox_backlog"] == [({}, 3.0)]
    assert found["prodvor_relay_lag_seconds"][0][1] >= 0.0
    assert ({"consumer": "notifications"}, 1.0) in found["prodvor_dead_letters_pending"]
    assert ({"consumer": "gamification"}, 0.0) in found["prodvor_consumer_lag_events"]
    pool = {labels["state"]: value for labels, value in found["prodvor_db_pool_connections"]}
    assert set(pool) == {"checked_out", "idle", "overflow"}
    assert found["prodvor_db_pool_capacity"][0][1] > 0
    transfers = {labels["kind"]: v for labels, v in found["prodvor_ledger_transfers_total"]}
    assert transfers["quest_reward"] >= 1
    for name in (
        "prodvor_relay_published_events_total",
        "prodvor_relay_publish_failures_total",
        "prodvor_websocket_connections",
    ):
        assert name in found, name
