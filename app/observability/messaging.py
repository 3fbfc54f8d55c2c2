"""Spans around publishing and consuming events, linked through W3C trace headers.

``emit`` stores the request's context in the envelope's headers; the relay's publish span
continues it and puts its own context in the Kafka record's headers; the consumer's span
continues that (on the local transport, the envelope's). One trace thus runs from the
request through the relay into every handler and its SQL.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind

from app.events.envelope import Envelope
from app.observability import attributes
from app.observability.tracing import context_from, tracer


@contextmanager
def publish_span(envelope: Envelope) -> Iterator[dict[str, str]]:
    """A producer span for one record; yields the trace headers the record must carry."""
    with tracer().start_as_current_span(
        f"publish {envelope.topic}",
        context=context_from(envelope.headers),
        kind=SpanKind.PRODUCER,
        attributes=_attributes(envelope, "send"),
    ):
        carrier: dict[str, str] = {}
        propagate.inject(carrier)
        yield carrier


@contextmanager
def consume_span(
    envelope: Envelope, consumer: str, carrier: Mapping[str, str] | None = None
) -> Iterator[trace.Span]:
    """A consumer span continuing ``carrier`` (the record's headers) or the envelope's."""
    attrs = _attributes(envelope, "process")
    attrs[attributes.MESSAGING_CONSUMER_GROUP] = consumer
    with tracer().start_as_current_span(
        f"process {envelope.topic}",
        context=context_from(carrier if carrier else envelope.headers),
        kind=SpanKind.CONSUMER,
        attributes=attrs,
    ) as span:
        yield span


def _attributes(envelope: Envelope, operation: str) -> dict[str, str | int]:
    return {
        attributes.MESSAGING_SYSTEM: "kafka",
        attributes.MESSAGING_OPERATION: operation,
        attributes.MESSAGING_DESTINATION: envelope.topic,
        attributes.MESSAGING_MESSAGE_ID: str(envelope.id),
        attributes.MESSAGING_KAFKA_KEY: envelope.key,
        attributes.EVENT_TYPE: envelope.type,
    }
