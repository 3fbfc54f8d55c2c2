"""One GraphQL request is one trace: HTTP server span > GraphQL operation > SQL statements."""

from __future__ import annotations

import httpx
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from app.auth.dev_issuer import DevIssuer
from tests.observability.conftest import ancestors, by_name

ME = "query Me { me { id displayName } }"


async def test_a_request_yields_http_graphql_and_sql_spans_in_one_trace(
    traced_client: httpx.AsyncClient, spans: InMemorySpanExporter, dev_issuer: DevIssuer
) -> None:
    token = dev_issuer.mint("kc-traced", username="traced", email="t@x.test", name="Трассер")

    response = await traced_client.post(
        "/graphql",
        json={"query": ME, "variables": {"probe": "secret-variable-value"}},
        headers={"Authorization": f"Bearer {token}", "X-Request-ID": "req-trace-0001"},
    )

    assert response.status_code == 200
    assert response.json()["data"]["me"]["displayName"] == "Трассер"
    assert response.headers["x-request-id"] == "req-trace-0001"
    finished = spans.get_finished_spans()
    (server,) = [s for s in finished if s.kind is SpanKind.SERVER]
    (operation,) = by_name(finished, "graphql.")
    sql = [
        s
        for s in finished
        if (s.attributes or {}).get("db.system") == "postgresql" and s.name != "connect"
    ]
    assert operation.name == "graphql.query Me"
    assert operation.attributes is not None
    assert operation.attributes["graphql.operation.name"] == "Me"
    assert operation.attributes["graphql.operation.type"] == "query"
    assert operation.attributes["graphql.outcome"] == "ok"
    assert server.name.startswith("POST")
    assert {s.context.trace_id for s in finished if s.context} == {server.context.trace_id}
    assert server.name in ancestors(operation, finished)
    assert any(s.name.startswith("SELECT") for s in sql)
    assert any(operation.name in ancestors(s, finished) for s in sql), "the operation's own SQL"
    assert any(server.name in ancestors(s, finished) for s in sql), "authentication's SQL too"
    recorded = repr([(s.name, dict(s.attributes or {})) for s in finished])
    assert token not in recorded
    assert "secret-variable-value" not in recorded


async def test_probes_are_not_traced(
    traced_client: httpx.AsyncClient, spans: InMemorySpanExporter
) -> None:
    response = await traced_client.get("/healthz")

    assert response.status_code == 200
    assert [s for s in spans.get_finished_spans() if s.kind is SpanKind.SERVER] == []
