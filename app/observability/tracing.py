"""OpenTelemetry tracing: the provider, SQL instrumentation, and context in event headers.

Tracing is off unless ``TELEMETRY_ENABLED``; then the API's tracer is a no-op, ``emit`` stores
no trace headers and every span below costs next to nothing. Spans carry names and ids only:
no variables, tokens, prompts or message texts.
"""

from __future__ import annotations

from collections.abc import Mapping

from opentelemetry import context, propagate, trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased

from app.settings import TelemetrySettings

TRACER_NAME = "prodvor"

_configured: list[TracerProvider] = []


def tracer() -> trace.Tracer:
    return trace.get_tracer(TRACER_NAME)


def configure_tracing(
    settings: TelemetrySettings, *, processor: SpanProcessor | None = None
) -> TracerProvider | None:
    """Install the process's tracer provider once; later calls return the first one.

    ``processor`` replaces the OTLP exporter (tests pass one with an in-memory exporter).
    """
    if not settings.enabled:
        return None
    if _configured:
        return _configured[0]
    provider = TracerProvider(
        resource=Resource.create({"service.name": settings.service_name}),
        sampler=ParentBased(TraceIdRatioBased(settings.sample_ratio)),
    )
    provider.add_span_processor(processor or BatchSpanProcessor(_otlp(settings)))
    trace.set_tracer_provider(provider)
    _instrument_sqlalchemy(provider)
    _configured.append(provider)
    return provider


def _otlp(settings: TelemetrySettings) -> SpanExporter:
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter(endpoint=settings.otlp_endpoint)


def _instrument_sqlalchemy(provider: TracerProvider) -> None:
    """Trace every engine created from now on.

    SQLAlchemy 2.1 is newer than the instrumentation declares; without ``skip_dep_check`` it
    silently instruments nothing.
    """
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

    SQLAlchemyInstrumentor().instrument(tracer_provider=provider, skip_dep_check=True)


def trace_headers() -> dict[str, str]:
    """The current trace context as W3C ``traceparent``/``tracestate`` headers (empty if none)."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier


def context_from(headers: Mapping[str, str]) -> context.Context:
    return propagate.extract(dict(headers))


def kafka_trace_headers(headers: list[tuple[str, bytes]] | None) -> dict[str, str]:
    """Trace headers of a Kafka record (other headers and undecodable values are left out)."""
    found: dict[str, str] = {}
    for name, value in headers or ():
        if name in ("traceparent", "tracestate"):
            found[name] = value.decode("ascii", errors="replace")
    return found
