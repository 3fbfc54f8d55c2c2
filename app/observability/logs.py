"""structlog processors: trace ids on every line, and no credentials or user texts in logs.

Request and user ids come from structlog's context variables, bound by the request middleware
and by authentication (``bind_request``, ``bind_user``).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import MutableMapping
from typing import Any

import structlog
from opentelemetry import trace

REDACTED = "[redacted]"

SENSITIVE_KEYS = frozenset(
    {
        "authorization",
        "token",
        "access_token",
        "refresh_token",
        "id_token",
        "password",
        "secret",
        "client_secret",
        "api_key",
        "cookie",
        "set_cookie",
        "variables",
        "text",
        "body",
        "content",
        "prompt",
    }
)
"""Keys whose values never reach a log line: credentials, and texts users wrote (chat
messages, reviews, prompts) that a log has no business keeping."""

_BEARER = re.compile(r"(?i)\bbearer\s+[^\s\"',;]+")
_JWT = re.compile(r"\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*")


def add_trace_ids(
    logger: Any, method: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    context = trace.get_current_span().get_span_context()
    if context.is_valid:
        event["trace_id"] = format(context.trace_id, "032x")
        event["span_id"] = format(context.span_id, "016x")
    return event


def redact(logger: Any, method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key in list(event):
        event[key] = REDACTED if _sensitive(key) else _scrub(event[key])
    return event


def _sensitive(key: object) -> bool:
    return isinstance(key, str) and key.lower().replace("-", "_") in SENSITIVE_KEYS


def _scrub(value: Any, depth: int = 0) -> Any:
    if isinstance(value, str):
        return _JWT.sub(REDACTED, _BEARER.sub(f"Bearer {REDACTED}", value))
    if depth > 3:
        return value
    if isinstance(value, dict):
        return {k: REDACTED if _sensitive(k) else _scrub(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item, depth + 1) for item in value]
    return value


def bind_request(request_id: str) -> None:
    structlog.contextvars.bind_contextvars(request_id=request_id)


def bind_user(user_id: uuid.UUID) -> None:
    structlog.contextvars.bind_contextvars(user_id=str(user_id))
    trace.get_current_span().set_attribute("enduser.id", str(user_id))
