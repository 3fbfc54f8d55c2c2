"""The outermost middleware: request ids, log context, HTTP metrics and the request's span."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

import structlog
from opentelemetry import trace
from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.observability import attributes, metrics
from app.observability.logs import bind_request

log = structlog.get_logger(__name__)

REQUEST_ID_HEADER = "x-request-id"
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
ROUTES = frozenset({"/graphql", "/healthz", "/readyz"})
UNTRACED = "healthz,readyz"


class RequestTelemetry:
    """Binds ``request_id`` for the request's logs, echoes it, counts requests and sockets.

    A caller's ``X-Request-ID`` is kept when it looks like an id (Kong sets one), else a new
    one is made. Logged paths never include the query string.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        structlog.contextvars.clear_contextvars()
        bind_request(request_id)
        trace.get_current_span().set_attribute(attributes.REQUEST_ID, request_id)
        try:
            if scope["type"] == "websocket":
                await self._websocket(scope, receive, send)
            else:
                await self._http(scope, receive, send, request_id)
        finally:
            structlog.contextvars.clear_contextvars()

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        metrics.WEBSOCKETS.inc()
        try:
            await self.app(scope, receive, send)
        finally:
            metrics.WEBSOCKETS.dec()

    async def _http(self, scope: Scope, receive: Receive, send: Send, request_id: str) -> None:
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (REQUEST_ID_HEADER.encode(), request_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = scope["path"] if scope["path"] in ROUTES else "other"
            metrics.HTTP_REQUESTS.labels(route, scope["method"], str(status)).observe(seconds)
            if route not in ("/healthz", "/readyz"):
                log.info(
                    "http.request",
                    method=scope["method"],
                    path=scope["path"],
                    status=status,
                    duration_ms=round(seconds * 1000, 1),
                )


def _request_id(scope: Scope) -> str:
    given = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
    return given if _VALID_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def _without_query(span: trace.Span, scope: dict[str, Any]) -> None:
    """Query strings may carry GraphQL variables (persisted GET requests): keep them off spans."""
    if span.is_recording():
        span.set_attribute("http.target", scope.get("path", ""))
        span.set_attribute("http.url", scope.get("path", ""))
        span.set_attribute("url.query", "")


def middleware(*, tracing: bool) -> list[Middleware]:
    """Outermost first: with tracing, a server span encloses everything else."""
    stack = [Middleware(RequestTelemetry)]
    if tracing:
        server_span = Middleware(
            OpenTelemetryMiddleware,
            excluded_urls=UNTRACED,
            server_request_hook=_without_query,
            exclude_spans=["receive", "send"],
        )
        stack.insert(0, server_span)
    return stack
