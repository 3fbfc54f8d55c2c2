"""ASGI middleware: the session cookie on ``/graphql`` (HTTP and WebSocket upgrades).

It runs inside ``AuthMiddleware``: a request with an ``Authorization`` header is a bearer
request and its cookies are ignored. A cookie that names no live session makes the request
anonymous and is removed from the browser.
"""

from __future__ import annotations

import structlog
from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket

from app.auth.errors import InvalidTokenError, UserBannedError
from app.auth.middleware import PRINCIPAL_SCOPE_KEY, graphql_error_response, rejection
from app.container import Container
from app.sessions.authenticate import authenticate_session
from app.sessions.browser import BrowserAuth
from app.sessions.cookies import clearing_header
from app.sessions.csrf import (
    CSRF_MESSAGE,
    SAFE_METHODS,
    CsrfFailure,
    check_unsafe_request,
    origin_allowed,
)
from app.sessions.service import Client

log = structlog.get_logger(__name__)


class SessionMiddleware:
    def __init__(self, app: ASGIApp, container: Container, browser: BrowserAuth) -> None:
        self.app = app
        self.container = container
        self.browser = browser

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        cookie = _session_cookie(scope, headers, self.browser)
        if cookie is None:
            await self.app(scope, receive, send)
            return
        failure = _forgery_check(scope, headers, cookie, self.browser)
        if failure is not None:
            log.info("session.csrf_rejected", reason=failure.value, origin=headers.get("origin"))
            forbidden = graphql_error_response(CSRF_MESSAGE, "FORBIDDEN", 403, reason=failure)
            await _refuse(forbidden, scope, receive, send)
            return
        client = Client(headers.get("user-agent"), _client_host(scope))
        try:
            principal = await authenticate_session(self.container, self.browser, cookie, client)
        except InvalidTokenError as exc:
            log.info("session.token_rejected", reason=exc.reason)
            await self.app(scope, receive, send)
            return
        except UserBannedError as exc:
            message, code, status, extra = rejection(exc)
            banned = graphql_error_response(message, code, status, **extra)
            await _refuse(banned, scope, receive, send)
            return
        if principal is None:
            await self.app(scope, receive, _clearing(send, self.browser.settings.cookie_name))
            return
        scope[PRINCIPAL_SCOPE_KEY] = principal
        await self.app(scope, receive, send)


async def _refuse(response: Response, scope: Scope, receive: Receive, send: Send) -> None:
    """The HTTP response, or for a WebSocket a refused handshake (close code 4403)."""
    if scope["type"] == "websocket":
        await WebSocket(scope, receive, send).close(code=4403)
        return
    await response(scope, receive, send)


def _session_cookie(scope: Scope, headers: Headers, browser: BrowserAuth) -> str | None:
    if scope["type"] not in ("http", "websocket"):
        return None
    if PRINCIPAL_SCOPE_KEY in scope or "authorization" in headers:
        return None
    return cookie_parser(headers.get("cookie", "")).get(browser.settings.cookie_name) or None


def _client_host(scope: Scope) -> str | None:
    client = scope.get("client")
    return str(client[0]) if client else None


def _forgery_check(
    scope: Scope, headers: Headers, cookie: str, browser: BrowserAuth
) -> CsrfFailure | None:
    if scope["type"] == "websocket":
        return None if origin_allowed(headers, browser) else CsrfFailure.ORIGIN
    if scope["method"] in SAFE_METHODS:
        return None
    return check_unsafe_request(headers, cookie, browser)


def _clearing(send: Send, cookie_name: str) -> Send:
    header = clearing_header(cookie_name)

    async def send_clearing(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), header]}
        await send(message)

    return send_clearing
