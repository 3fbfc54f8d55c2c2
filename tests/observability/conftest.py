"""Tracing into an in-memory exporter, and apps configured with telemetry on."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from opentelemetry.context import Context
from opentelemetry.sdk.trace import ReadableSpan, Span, SpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from starlette.applications import Starlette

from app.auth.dev_issuer import DevIssuer
from app.db import Database
from app.main import create_app
from app.observability.tracing import configure_tracing
from app.settings import Settings, TelemetrySettings
from tests.fixtures.app import TestClock, make_container


class Recorder(SpanProcessor):
    """Keeps finished spans only while a test records: tracing stays installed in the worker."""

    def __init__(self) -> None:
        self.exporter = InMemorySpanExporter()
        self.recording = False

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        return None

    def on_end(self, span: ReadableSpan) -> None:
        if self.recording:
            self.exporter.export([span])


_RECORDER = Recorder()


@pytest.fixture
def traced_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"telemetry": TelemetrySettings(enabled=True)})


@pytest.fixture
def spans(traced_settings: Settings) -> Iterator[InMemorySpanExporter]:
    """Finished spans of this test. Tracing is installed once per worker process, before the
    test's engines are created (``committed_database``), so their SQL is traced."""
    configure_tracing(traced_settings.telemetry, processor=_RECORDER)
    _RECORDER.exporter.clear()
    _RECORDER.recording = True
    try:
        yield _RECORDER.exporter
    finally:
        _RECORDER.recording = False
        _RECORDER.exporter.clear()


@pytest.fixture
async def traced_client(
    spans: InMemorySpanExporter,
    traced_settings: Settings,
    committed_database: Database,
    dev_issuer: DevIssuer,
    clock: TestClock,
) -> AsyncIterator[httpx.AsyncClient]:
    app: Starlette = create_app(
        container=make_container(traced_settings, committed_database, dev_issuer, clock)
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


def by_name(finished: tuple[ReadableSpan, ...], prefix: str) -> list[ReadableSpan]:
    return [span for span in finished if span.name.startswith(prefix)]


def ancestors(span: ReadableSpan, finished: tuple[ReadableSpan, ...]) -> list[str]:
    """Names of the span's ancestors, nearest first."""
    index = {s.context.span_id: s for s in finished if s.context is not None}
    names = []
    parent = span.parent
    while parent is not None and parent.span_id in index:
        found = index[parent.span_id]
        names.append(found.name)
        parent = found.parent
    return names
