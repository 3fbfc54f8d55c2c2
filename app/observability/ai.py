"""The span of one model call: flow, model, prompt version and tokens; never prompt text."""

from __future__ import annotations

from opentelemetry import trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from app.observability import attributes
from app.observability.tracing import tracer


def start_ai_span(flow: str, model: str, prompt_version: str) -> trace.Span:
    return tracer().start_span(
        f"ai.flow {flow}",
        kind=SpanKind.CLIENT,
        attributes={
            attributes.AI_FLOW: flow,
            attributes.AI_MODEL: model,
            attributes.AI_PROMPT_VERSION: prompt_version,
        },
    )


def finish_ai_span(span: trace.Span, *, outcome: str, tokens_in: int, tokens_out: int) -> None:
    span.set_attribute(attributes.AI_OUTCOME, outcome)
    span.set_attribute(attributes.AI_TOKENS_IN, tokens_in)
    span.set_attribute(attributes.AI_TOKENS_OUT, tokens_out)
    if outcome != "ok":
        span.set_status(Status(StatusCode.ERROR))
    span.end()
