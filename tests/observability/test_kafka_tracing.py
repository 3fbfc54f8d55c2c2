"""An event's trace runs from the emitting request through the relay's publish into the
consumer's handler, over a real Kafka-protocol broker (Tansu)."""

from __future__ import annotations

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from app.db import Database
from app.observability.tracing import tracer
from app.settings import Settings
from tests.events.support import TOPIC, create_effects_table, emit_pings, event_settings, running
from tests.events.support import wait_for as wait_for_effects
from tests.fixtures.kafka import TansuBroker
from tests.observability.conftest import ancestors

pytestmark = pytest.mark.slow


async def test_trace_context_travels_in_kafka_headers_to_the_consumer_span(
    spans: InMemorySpanExporter,
    settings: Settings,
    committed_database: Database,
    kafka_broker: TansuBroker,
) -> None:
    await create_effects_table(committed_database)
    kafka = event_settings(settings, kafka_broker.address)

    async with running(kafka, committed_database):
        with tracer().start_as_current_span("request") as request:
            await emit_pings(committed_database, "traced", [1])
        rows = await wait_for_effects(committed_database, 1)

    assert [row["n"] for row in rows] == [1]
    finished = spans.get_finished_spans()
    (publish,) = [s for s in finished if s.kind is SpanKind.PRODUCER]
    (process,) = [s for s in finished if s.kind is SpanKind.CONSUMER]
    trace_id = request.get_span_context().trace_id
    assert publish.name == f"publish {TOPIC}"
    assert process.name == f"process {TOPIC}"
    assert publish.context is not None
    assert process.context is not None
    assert publish.context.trace_id == process.context.trace_id == trace_id
    assert ancestors(process, finished)[:2] == [publish.name, "request"]
    assert process.attributes is not None
    assert process.attributes["messaging.consumer.group.name"] == "test-recorder"
    assert process.attributes["prodvor.event.outcome"] == "handled"
    handler_sql = [
        s for s in finished if "INSERT" in s.name and "test_effects" in repr(s.attributes)
    ]
    assert len(handler_sql) == 1
    assert ancestors(handler_sql[0], finished)[0] == process.name


async def test_the_local_transport_continues_the_emitters_trace(
    spans: InMemorySpanExporter, settings: Settings, committed_database: Database
) -> None:
    await create_effects_table(committed_database)

    async with running(event_settings(settings, None), committed_database):
        with tracer().start_as_current_span("request") as request:
            await emit_pings(committed_database, "local", [1])
        await wait_for_effects(committed_database, 1)

    (process,) = [s for s in spans.get_finished_spans() if s.kind is SpanKind.CONSUMER]
    assert process.context is not None
    assert process.context.trace_id == request.get_span_context().trace_id
    assert process.parent is not None
    assert process.parent.span_id == request.get_span_context().span_id
