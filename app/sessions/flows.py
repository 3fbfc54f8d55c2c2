"""The login, logout and back-channel logout flows, without their HTTP plumbing."""

from __future__ import annotations

import hmac
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import structlog

from app.auth.authenticate import authenticate_access_token
from app.auth.errors import InvalidTokenError, UserBannedError
from app.auth.principal import Principal
from app.container import Container
from app.sessions import service
from app.sessions.browser import BrowserAuth
from app.sessions.crypto import DecryptionError
from app.sessions.csrf import origin_of
from app.sessions.events import EndReason
from app.sessions.models import BrowserSession, TokenKind
from app.sessions.oidc import ProviderRejectedError, ProviderUnavailableError, TokenSet
from app.settings import SessionSettings

log = structlog.get_logger(__name__)

LOGIN_STATE_TTL_S = 600
MAX_RETURN_TO_LENGTH = 2_000


class LoginError(Exception):
    """The login cannot go on. ``code`` is for clients and logs; the reason only for logs."""

    def __init__(self, code: str, message: str, *, status: int = 400, reason: str = "") -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.message = message
        self.status = status


def _rejected(code: str, reason: str) -> LoginError:
    return LoginError(code, "Не удалось войти, начните вход заново", reason=reason)


@dataclass(frozen=True, slots=True)
class LoginStart:
    authorization_url: str
    sealed_state: str


@dataclass(frozen=True, slots=True)
class LoginDone:
    cookie_value: str
    return_to: str


def resolve_return_to(value: str | None, settings: SessionSettings) -> str:
    """An absolute URL on the frontend or an allow-listed origin; never anywhere else.

    Relative paths are resolved against the frontend's origin. Backslashes and control
    characters are refused because browsers read ``/\\evil.example`` as ``//evil.example``.
    """
    frontend = origin_of(settings.frontend_origin)
    if not value:
        return frontend + "/"
    if len(value) > MAX_RETURN_TO_LENGTH or any(c == "\\" or ord(c) < 0x21 for c in value):
        raise _invalid_return_to(value)
    if value.startswith("/") and not value.startswith("//"):
        return frontend + value
    allowed = {frontend, *(origin_of(origin) for origin in settings.return_to_origins)}
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and origin_of(value) in allowed:
        return value
    raise _invalid_return_to(value)


def _invalid_return_to(value: str) -> LoginError:
    return LoginError(
        "INVALID_RETURN_TO", "Недопустимый адрес возврата после входа", reason=value[:200]
    )


async def begin_login(browser: BrowserAuth, return_to: str | None) -> LoginStart:
    target = resolve_return_to(return_to, browser.settings)
    try:
        request = await browser.oidc.authorization_request()
    except ProviderUnavailableError as exc:
        raise _unavailable(str(exc)) from exc
    state = {
        "state": request.state,
        "nonce": request.nonce,
        "code_verifier": request.code_verifier,
        "return_to": target,
        "issued_at": time.time(),
    }
    return LoginStart(request.url, browser.crypto.seal_login_state(state))


async def complete_login(
    container: Container,
    browser: BrowserAuth,
    sealed_state: str | None,
    params: Mapping[str, str],
    client: service.Client,
    *,
    replaces: str | None,
) -> LoginDone:
    """``replaces`` is the session cookie this browser still sent, if any: that session ends."""
    state = _open_state(browser, sealed_state)
    _check_callback(browser, state, params)
    tokens = await _exchange(browser, params["code"], state["code_verifier"])
    principal, sid = await _identify(container, browser, tokens, nonce=state["nonce"])
    async with container.db.transaction() as session:
        if replaces:
            await service.end_replaced(session, replaces, now=container.clock.now())
        started = await service.start_session(
            session,
            principal,
            tokens,
            provider_sid=sid,
            client=client,
            crypto=browser.crypto,
            settings=browser.settings,
            now=container.clock.now(),
        )
    return LoginDone(cookie_value=started.cookie_value, return_to=state["return_to"])


async def _exchange(browser: BrowserAuth, code: str, code_verifier: str) -> TokenSet:
    try:
        return await browser.oidc.exchange_code(code, code_verifier)
    except ProviderRejectedError as exc:
        raise _rejected("CODE_REJECTED", exc.error) from exc
    except ProviderUnavailableError as exc:
        raise _unavailable(str(exc)) from exc


async def _identify(
    container: Container, browser: BrowserAuth, tokens: TokenSet, *, nonce: str
) -> tuple[Principal, str | None]:
    """The caller (as a bearer of the access token would be) and the provider's session id."""
    if tokens.id_token is None:
        raise _rejected("INVALID_TOKEN", "no ID token in the token response")
    try:
        id_claims = await browser.oidc.validate_id_token(tokens.id_token, nonce=nonce)
        principal = await authenticate_access_token(container, tokens.access_token)
    except InvalidTokenError as exc:
        raise _rejected("INVALID_TOKEN", exc.reason) from exc
    except UserBannedError as exc:
        raise LoginError("USER_BANNED", "Аккаунт заблокирован", status=403) from exc
    if id_claims["sub"] != principal.subject:
        raise _rejected("INVALID_TOKEN", "ID token and access token name different subjects")
    sid = id_claims.get("sid")
    return principal, sid if isinstance(sid, str) else None


def _open_state(browser: BrowserAuth, sealed: str | None) -> dict[str, str]:
    """The login state this browser got from ``/auth/login``, if it is ours and fresh."""
    if not sealed:
        raise _rejected("LOGIN_EXPIRED", "no login state cookie")
    try:
        state = browser.crypto.open_login_state(sealed)
    except DecryptionError as exc:
        raise _rejected("LOGIN_EXPIRED", "login state cookie does not decrypt") from exc
    if time.time() - float(state.get("issued_at", 0)) > LOGIN_STATE_TTL_S:
        raise _rejected("LOGIN_EXPIRED", "login state is too old")
    return {key: str(value) for key, value in state.items()}


def _check_callback(browser: BrowserAuth, state: dict[str, str], params: Mapping[str, str]) -> None:
    if not hmac.compare_digest(params.get("state", "").encode(), state["state"].encode()):
        raise _rejected("INVALID_STATE", "state differs from the one this browser was given")
    if "error" in params:
        raise _rejected("PROVIDER_ERROR", params["error"])
    issuer = params.get("iss")
    if issuer is not None and issuer != browser.oidc.issuer:
        raise _rejected("INVALID_ISSUER", f"callback from {issuer}")
    if not params.get("code"):
        raise _rejected("INVALID_STATE", "no code in the callback")


def _unavailable(reason: str) -> LoginError:
    return LoginError(
        "PROVIDER_UNAVAILABLE",
        "Сервис входа временно недоступен, попробуйте позже",
        status=503,
        reason=reason,
    )


async def logout(
    container: Container, browser: BrowserAuth, cookie_value: str | None
) -> str | None:
    """End the session here, revoke its refresh token, and return the provider's logout URL."""
    refresh_token = id_token = None
    async with container.db.transaction() as session:
        row = await service.find_by_cookie(session, cookie_value) if cookie_value else None
        if row is not None:
            refresh_token, id_token = _tokens_for_logout(row, browser)
            await service.end_session(
                session, row, EndReason.LOGOUT, now=container.clock.now(), actor_id=row.user_id
            )
    if refresh_token is not None:
        await browser.oidc.revoke(refresh_token)
    after_logout = origin_of(browser.settings.frontend_origin) + "/"
    try:
        return await browser.oidc.logout_url(id_token, after_logout)
    except ProviderUnavailableError as exc:
        log.warning("oidc.logout_url_unavailable", error=str(exc))
        return None


def _tokens_for_logout(row: BrowserSession, browser: BrowserAuth) -> tuple[str | None, str | None]:
    try:
        refresh_token = service.read_token(row, TokenKind.REFRESH, browser.crypto)
        id_token = service.read_token(row, TokenKind.ID, browser.crypto)
    except DecryptionError:
        return None, None
    return refresh_token, id_token


async def backchannel_logout(container: Container, browser: BrowserAuth, logout_token: str) -> int:
    """End the sessions a provider's logout token names. Raises ``InvalidTokenError``."""
    logout = await browser.oidc.validate_logout_token(logout_token)
    async with container.db.transaction() as session:
        ended = await service.end_for_provider_logout(session, logout, now=container.clock.now())
    log.info("session.backchannel_logout", ended=ended)
    return ended
