"""A span and metrics per GraphQL operation: its name and type, never the document or variables."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

from opentelemetry.trace import SpanKind, Status, StatusCode
from prometheus_client import Gauge
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from app.observability import attributes, metrics
from app.observability.tracing import tracer

OK, ERROR, INTERNAL = "ok", "error", "internal"


class Telemetry(SchemaExtension):
    """Outermost extension: its span encloses the operation's SQL, and it sees final errors.

    A subscription's operation lasts as long as its stream; only its start is inside
    ``on_execute``, so the running-subscriptions gauge goes down when the operation ends.
    """

    subscription: Gauge | None = None

    async def on_operation(self) -> AsyncIterator[None]:
        try:
            async for _ in self._observed():
                yield
        finally:
            if self.subscription is not None:
                self.subscription.dec()

    async def _observed(self) -> AsyncIterator[None]:
        started = time.perf_counter()
        with tracer().start_as_current_span("graphql.operation", kind=SpanKind.INTERNAL) as span:
            principal = getattr(self.execution_context.context, "principal", None)
            if principal is not None:
                span.set_attribute(attributes.ENDUSER_ID, str(principal.user_id))
            yield
            name = metrics.operation_label(self.execution_context.operation_name)
            kind = self._operation_type()
            outcome = _outcome(self.execution_context.result)
            span.update_name(f"graphql.{kind} {name}")
            span.set_attribute(attributes.GRAPHQL_OPERATION_NAME, name)
            span.set_attribute(attributes.GRAPHQL_OPERATION_TYPE, kind)
            span.set_attribute(attributes.GRAPHQL_OUTCOME, outcome)
            if outcome == INTERNAL:
                span.set_status(Status(StatusCode.ERROR))
        metrics.GRAPHQL_OPERATIONS.labels(name, kind, outcome).inc()
        if kind != OperationType.SUBSCRIPTION.value:
            seconds = time.perf_counter() - started
            metrics.GRAPHQL_DURATION.labels(name, kind).observe(seconds)

    def on_execute(self) -> Iterator[None]:
        if self._operation_type() == OperationType.SUBSCRIPTION.value:
            name = metrics.operation_label(self.execution_context.operation_name)
            self.subscription = metrics.SUBSCRIPTIONS.labels(name)
            self.subscription.inc()
        yield

    def _operation_type(self) -> str:
        try:
            return self.execution_context.operation_type.value
        except Exception:  # no parsable document: nothing ran
            return "unknown"


def _outcome(result: Any) -> str:
    errors = getattr(result, "errors", None) or []
    if result is None:
        return INTERNAL
    codes = {(getattr(error, "extensions", None) or {}).get("code") for error in errors}
    if "INTERNAL" in codes:
        return INTERNAL
    return ERROR if errors else OK
