"""``/auth/*``: the browser's side of the login, the session, and logout.

Every response is ``Cache-Control: no-store``. Errors are JSON ``{"error": CODE, "message"}``.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import structlog
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from app.auth.errors import InvalidTokenError, UserBannedError
from app.auth.middleware import BANNED_MESSAGE
from app.container import Container
from app.sessions import flows
from app.sessions.authenticate import authenticate_session
from app.sessions.browser import CALLBACK_PATH, BrowserAuth
from app.sessions.cookies import (
    LOGIN_COOKIE,
    clear_cookie,
    set_login_cookie,
    set_session_cookie,
)
from app.sessions.csrf import CSRF_MESSAGE, check_unsafe_request
from app.sessions.service import Client
from app.users import service as users
from app.users.models import User

log = structlog.get_logger(__name__)

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
MAX_LOGOUT_TOKEN_BODY = 16_384


def routes(container: Container, browser: BrowserAuth) -> list[Route]:
    endpoints = SessionEndpoints(container, browser)
    return [
        Route("/auth/login", endpoints.login, methods=["GET"]),
        Route(CALLBACK_PATH, endpoints.callback, methods=["GET"]),
        Route("/auth/session", endpoints.session, methods=["GET"]),
        Route("/auth/logout", endpoints.logout, methods=["POST"]),
        Route("/auth/backchannel-logout", endpoints.backchannel_logout, methods=["POST"]),
    ]


def _error(code: str, message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=NO_STORE)


def _public_profile(user: User) -> dict[str, object]:
    return {
        "id": str(user.id),
        "displayName": user.display_name,
        "nickname": user.nickname,
        "avatarUrl": user.avatar_url,
        "roles": sorted(user.roles),
    }


def _client(request: Request) -> Client:
    host = request.client.host if request.client else None
    return Client(user_agent=request.headers.get("user-agent"), ip_address=host)


class SessionEndpoints:
    def __init__(self, container: Container, browser: BrowserAuth) -> None:
        self.container = container
        self.browser = browser
        self.cookie_name = browser.settings.cookie_name

    async def login(self, request: Request) -> Response:
        try:
            start = await flows.begin_login(self.browser, request.query_params.get("returnTo"))
        except flows.LoginError as exc:
            log.info("login.refused", code=exc.code, reason=str(exc))
            return _error(exc.code, exc.message, exc.status)
        response = RedirectResponse(start.authorization_url, status_code=302, headers=NO_STORE)
        set_login_cookie(response, start.sealed_state, max_age=flows.LOGIN_STATE_TTL_S)
        return response

    async def callback(self, request: Request) -> Response:
        try:
            done = await flows.complete_login(
                self.container,
                self.browser,
                request.cookies.get(LOGIN_COOKIE),
                dict(request.query_params),
                _client(request),
                replaces=request.cookies.get(self.cookie_name),
            )
        except flows.LoginError as exc:
            log.info("login.failed", code=exc.code, reason=str(exc))
            response: Response = _error(exc.code, exc.message, exc.status)
        else:
            response = RedirectResponse(done.return_to, status_code=303, headers=NO_STORE)
            set_session_cookie(response, self.browser.settings, done.cookie_value)
        clear_cookie(response, LOGIN_COOKIE)
        return response

    async def session(self, request: Request) -> Response:
        """The signed-in user's public profile and the CSRF token; never a token of ours."""
        cookie = request.cookies.get(self.cookie_name)
        if not cookie:
            return _error("UNAUTHENTICATED", "Вход не выполнен", 401)
        try:
            principal = await authenticate_session(
                self.container, self.browser, cookie, _client(request)
            )
        except InvalidTokenError:
            principal = None
        except UserBannedError:
            return _error("FORBIDDEN", BANNED_MESSAGE, 403)
        if principal is None:
            response = _error("UNAUTHENTICATED", "Вход не выполнен", 401)
            clear_cookie(response, self.cookie_name)
            return response
        async with self.container.db.transaction() as session:
            user = await users.get_user(session, principal, principal.user_id)
        assert user is not None, "an authenticated principal has a readable user row"
        body = {"user": _public_profile(user), "csrfToken": self.browser.crypto.csrf_token(cookie)}
        return JSONResponse(body, headers=NO_STORE)

    async def logout(self, request: Request) -> Response:
        """Without a cookie there is nothing to forge, but still a provider session to end."""
        cookie = request.cookies.get(self.cookie_name)
        failure = cookie and check_unsafe_request(request.headers, cookie, self.browser)
        if failure:
            return _error("FORBIDDEN", CSRF_MESSAGE, 403)
        logout_url = await flows.logout(self.container, self.browser, cookie)
        response = JSONResponse({"logoutUrl": logout_url}, headers=NO_STORE)
        clear_cookie(response, self.cookie_name)
        return response

    async def backchannel_logout(self, request: Request) -> Response:
        body = await _read_limited(request, MAX_LOGOUT_TOKEN_BODY)
        if body is None:
            return _error("invalid_request", "logout_token is too large", 413)
        tokens = parse_qs(body.decode(errors="replace")).get("logout_token", [])
        if len(tokens) != 1:
            return _error("invalid_request", "exactly one logout_token is required", 400)
        try:
            await flows.backchannel_logout(self.container, self.browser, tokens[0])
        except InvalidTokenError as exc:
            log.info("session.backchannel_logout_rejected", reason=exc.reason)
            return _error("invalid_request", "logout_token is not valid", 400)
        return Response(status_code=200, headers=NO_STORE)


async def _read_limited(request: Request, limit: int) -> bytes | None:
    """The body, or ``None`` once it grows past ``limit`` (the rest is not read)."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return body
