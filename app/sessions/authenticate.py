"""From a session cookie to a ``Principal``, refreshing the tokens behind it when due.

The stored access token then goes through exactly what a bearer token goes through
(validation, provisioning, the ban check), so both ways of signing in yield the same caller.
"""

from __future__ import annotations

import dataclasses

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.authenticate import authenticate_access_token
from app.auth.errors import InvalidTokenError
from app.auth.principal import Principal
from app.container import Container
from app.sessions import service
from app.sessions.browser import BrowserAuth
from app.sessions.crypto import DecryptionError
from app.sessions.events import EndReason
from app.sessions.models import BrowserSession, TokenKind
from app.sessions.oidc import ProviderRejectedError, ProviderUnavailableError

log = structlog.get_logger(__name__)


async def authenticate_session(
    container: Container, browser: BrowserAuth, cookie_value: str, client: service.Client
) -> Principal | None:
    """The session's caller, or ``None`` when the cookie names no live session.

    Raises ``InvalidTokenError``/``UserBannedError`` like ``authenticate_access_token``.
    """
    now = container.clock.now()
    async with container.db.transaction() as session:
        row = await service.find_active(session, cookie_value, settings=browser.settings, now=now)
        if row is not None and service.needs_refresh(row, browser.settings, now):
            row = await _refresh(session, browser, row, container)
        if row is None:
            return None
        service.touch(row, client, now=now)
        try:
            access_token = service.read_token(row, TokenKind.ACCESS, browser.crypto)
        except DecryptionError:
            log.warning("session.undecryptable", session_id=str(row.id))
            await service.end_session(session, row, EndReason.EXPIRED, now=now)
            return None
        assert access_token is not None
        session_id, subject = row.id, row.subject
    principal = await authenticate_access_token(container, access_token)
    if principal.subject != subject:
        raise InvalidTokenError("the session's access token names another subject")
    return dataclasses.replace(principal, session_id=session_id)


async def _refresh(
    session: AsyncSession, browser: BrowserAuth, row: BrowserSession, container: Container
) -> BrowserSession | None:
    """Refresh under the row lock, so concurrent requests spend the refresh token only once.

    Refresh tokens rotate: spending one twice makes the provider revoke the whole grant.
    """
    locked = await service.lock_session(session, row.id)
    now = container.clock.now()
    if locked is None or not service.needs_refresh(locked, browser.settings, now):
        return locked
    try:
        refresh_token = service.read_token(locked, TokenKind.REFRESH, browser.crypto)
    except DecryptionError:
        return locked
    if refresh_token is None:
        return locked
    try:
        tokens = await browser.oidc.refresh(refresh_token)
    except ProviderRejectedError as exc:
        log.info("session.refresh_rejected", session_id=str(locked.id), error=exc.error)
        await service.end_session(session, locked, EndReason.REFRESH_FAILED, now=now)
        return None
    except ProviderUnavailableError as exc:
        log.warning("session.refresh_unavailable", session_id=str(locked.id), error=str(exc))
        return locked
    service.store_tokens(locked, tokens, browser.crypto, now=now)
    return locked
