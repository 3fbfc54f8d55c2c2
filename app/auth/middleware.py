"""ASGI middleware that authenticates ``Authorization: Bearer`` on HTTP and WebSocket upgrades.

A missing header means an anonymous caller. A bad token is refused before GraphQL runs, with
a GraphQL-shaped body and no ``data`` (HTTP 401), or by closing the WebSocket handshake.
"""

from __future__ import annotations

import structlog
from starlette.datastructures import Headers
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket

from app.auth.authenticate import authenticate_bearer
from app.auth.errors import InvalidTokenError, UserBannedError
from app.container import Container

log = structlog.get_logger(__name__)

PRINCIPAL_SCOPE_KEY = "principal"
UNAUTHENTICATED_MESSAGE = "Недействительный или просроченный токен доступа"
BANNED_MESSAGE = "Аккаунт заблокирован"


def graphql_error_response(message: str, code: str, status: int, **extra: object) -> Response:
    headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'} if status == 401 else None
    body = {"errors": [{"message": message, "extensions": {"code": code, **extra}}]}
    return JSONResponse(body, status_code=status, headers=headers)


def rejection(exc: InvalidTokenError | UserBannedError) -> tuple[str, str, int, dict[str, object]]:
    if isinstance(exc, UserBannedError):
        return BANNED_MESSAGE, "FORBIDDEN", 403, {"bannedUntil": exc.until.isoformat()}
    return UNAUTHENTICATED_MESSAGE, "UNAUTHENTICATED", 401, {}


class AuthMiddleware:
    def __init__(self, app: ASGIApp, container: Container) -> None:
        self.app = app
        self.container = container

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        authorization = Headers(scope=scope).get("authorization")
        if authorization is not None:
            try:
                scope[PRINCIPAL_SCOPE_KEY] = await authenticate_bearer(
                    self.container, authorization
                )
            except (InvalidTokenError, UserBannedError) as exc:
                await self._refuse(exc, scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _refuse(
        self, exc: InvalidTokenError | UserBannedError, scope: Scope, receive: Receive, send: Send
    ) -> None:
        log.info("auth.rejected", reason=getattr(exc, "reason", "banned"))
        if scope["type"] == "websocket":
            await WebSocket(scope, receive, send).close(code=4403)
            return
        message, code, status, extra = rejection(exc)
        await graphql_error_response(message, code, status, **extra)(scope, receive, send)
