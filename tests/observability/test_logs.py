"""Logs are JSON lines with trace, request and user ids, and never carry tokens or user texts."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import structlog
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from app.auth.dev_issuer import DevIssuer

MESSAGE_TEXT = "Встречаемся у третьего подъезда в 19:00"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """What the production handler writes, captured through its own formatter."""
    root = logging.getLogger()
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(root.handlers[0].formatter)
    root.addHandler(handler)
    try:
        yield buffer
    finally:
        root.removeHandler(handler)


def lines(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


async def test_request_logs_carry_ids_and_no_token(
    traced_client: httpx.AsyncClient,
    spans: InMemorySpanExporter,
    dev_issuer: DevIssuer,
    captured: io.StringIO,
) -> None:
    token = dev_issuer.mint("kc-logged", username="logged", email="l@x.test", name="Логгер")
    forged = token[:-6] + "AAAAAA"

    ok = await traced_client.post(
        "/graphql",
        json={"query": "query Me { me { id } }", "variables": {"text": MESSAGE_TEXT}},
        headers={"Authorization": f"Bearer {token}", "X-Request-ID": "req-logs-00001"},
    )
    refused = await traced_client.post(
        "/graphql",
        json={"query": "query Me { me { id } }"},
        headers={"Authorization": f"Bearer {forged}"},
    )

    assert (ok.status_code, refused.status_code) == (200, 401)
    records = lines(captured)
    (served,) = [r for r in records if r.get("request_id") == "req-logs-00001"]
    assert served["event"] == "http.request"
    assert served["user_id"] == ok.json()["data"]["me"]["id"]
    assert len(served["trace_id"]) == 32
    assert len(served["span_id"]) == 16
    rejected = [r for r in records if r["event"] == "auth.rejected"]
    assert len(rejected) == 1
    assert "user_id" not in rejected[0]
    text = captured.getvalue()
    assert token not in text
    assert forged not in text
    assert MESSAGE_TEXT not in text


def test_credentials_and_texts_are_redacted_wherever_they_appear(captured: io.StringIO) -> None:
    token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
    log = structlog.get_logger("tests.logs")

    log.info("chat.message_sent", text=MESSAGE_TEXT, chat_id="c1")
    log.warning("upstream.failed", error=f"401 for Authorization: Bearer {token}")
    log.info("settings.loaded", api_key="AIzaSECRET", client_secret="s3cr3t")
    try:
        raise RuntimeError(f"cannot parse {token}")
    except RuntimeError:
        log.exception("parse.failed")
    logging.getLogger("third.party").warning("headers: %s", {"authorization": f"Bearer {token}"})

    text = captured.getvalue()
    records = lines(captured)
    assert len(records) == 5
    assert records[0]["text"] == "[redacted]"
    assert records[0]["chat_id"] == "c1"
    for secret in (token, MESSAGE_TEXT, "AIzaSECRET", "s3cr3t"):
        assert secret not in text


async def test_client_errors_are_answers_not_logged_errors(
    traced_client: httpx.AsyncClient, captured: io.StringIO
) -> None:
    signed_out = await traced_client.post("/graphql", json={"query": "{ me { id } }"})
    malformed = await traced_client.post("/graphql", json={"query": "{ me { nope } }"})

    assert signed_out.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert malformed.json()["errors"]
    assert [r for r in lines(captured) if r["level"] in ("error", "critical")] == []
