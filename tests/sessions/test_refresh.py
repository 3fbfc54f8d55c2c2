"""Server-side token refresh with rotation, and the timeouts that end a session."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.sessions.models import TokenKind
from tests.fixtures.app import TestClock
from tests.fixtures.browser import (
    SESSION_COOKIE,
    Browser,
    BrowserAppFactory,
    session_events,
    stored_sessions,
    stored_token,
)
from tests.fixtures.oidc import BFF_CLIENT_ID, BFF_CLIENT_SECRET, OidcProvider

ME = "{ me { displayName } }"
SIGNED_IN = {"me": {"displayName": "Алиса Тестова"}}
ACCESS_TOKEN_TTL = timedelta(seconds=300)


async def provider_refresh(provider: OidcProvider, refresh_token: str) -> httpx.Response:
    """Spend a refresh token at the provider directly, as a thief holding it would."""
    async with httpx.AsyncClient() as client:
        return await client.post(
            f"{provider.issuer}/token",
            data={"grant_type": "refresh_token", "refresh_token": refresh_token},
            auth=(BFF_CLIENT_ID, BFF_CLIENT_SECRET),
        )


async def test_the_access_token_is_refreshed_before_it_expires_and_the_refresh_token_rotates(
    browser: Browser,
    session: AsyncSession,
    clock: TestClock,
    session_key: str,
    oidc_provider: OidcProvider,
) -> None:
    await browser.login()
    [before] = await stored_sessions(session)
    old_access = stored_token(before, TokenKind.ACCESS, session_key)
    old_refresh = stored_token(before, TokenKind.REFRESH, session_key)
    old_expiry = before.access_expires_at
    clock.advance(ACCESS_TOKEN_TTL - timedelta(seconds=50))

    response = await browser.graphql_get(ME)

    assert response.data == SIGNED_IN
    [after] = await stored_sessions(session)
    assert after.id == before.id
    assert stored_token(after, TokenKind.ACCESS, session_key) != old_access
    new_refresh = stored_token(after, TokenKind.REFRESH, session_key)
    assert new_refresh not in (None, old_refresh)
    assert after.access_expires_at == clock.now() + ACCESS_TOKEN_TTL
    assert after.access_expires_at > old_expiry
    assert old_refresh is not None
    rejected = await provider_refresh(oidc_provider, old_refresh)
    assert rejected.status_code == 400
    assert rejected.json()["error"] == "invalid_grant"


async def test_no_refresh_while_the_access_token_has_time_left(
    browser: Browser, session: AsyncSession, clock: TestClock, session_key: str
) -> None:
    await browser.login()
    [before] = await stored_sessions(session)
    clock.advance(ACCESS_TOKEN_TTL - timedelta(seconds=70))

    response = await browser.graphql_get(ME)

    assert response.data == SIGNED_IN
    [after] = await stored_sessions(session)
    assert after.access_expires_at == before.access_expires_at
    for kind in (TokenKind.ACCESS, TokenKind.REFRESH):
        assert stored_token(after, kind, session_key) == stored_token(before, kind, session_key)


async def test_a_failed_refresh_ends_the_session(
    browser: Browser,
    session: AsyncSession,
    clock: TestClock,
    session_key: str,
    oidc_provider: OidcProvider,
) -> None:
    await browser.login()
    [row] = await stored_sessions(session)
    refresh_token = stored_token(row, TokenKind.REFRESH, session_key)
    assert refresh_token is not None
    assert (await provider_refresh(oidc_provider, refresh_token)).status_code == 200
    clock.advance(ACCESS_TOKEN_TTL)

    response = await browser.graphql_get(ME)

    assert response.data is None
    assert response.error_codes == ["UNAUTHENTICATED"]
    assert await stored_sessions(session) == []
    assert await session_events(session) == [
        ("session.started", None),
        ("session.ended", "REFRESH_FAILED"),
    ]
    assert browser.session_cookie is None, "the dead cookie is removed from the browser"


async def test_concurrent_requests_spend_the_refresh_token_once(
    browser_app_factory: BrowserAppFactory,
    committed_database: Database,
    clock: TestClock,
    session_key: str,
) -> None:
    """With rotation, spending a refresh token twice would make the provider revoke the grant."""
    async with Browser.open(browser_app_factory(db=committed_database)) as browser:
        await browser.login("user-racer")
        async with committed_database.session() as session:
            [before] = await stored_sessions(session)
        clock.advance(ACCESS_TOKEN_TTL)

        responses = await asyncio.gather(*(browser.graphql_get(ME) for _ in range(8)))

    assert [r.errors for r in responses] == [None] * 8
    async with committed_database.session() as session:
        [after] = await stored_sessions(session)
        events = await session_events(session)
    assert after.access_expires_at == clock.now() + ACCESS_TOKEN_TTL
    old = stored_token(before, TokenKind.REFRESH, session_key)
    assert stored_token(after, TokenKind.REFRESH, session_key) != old
    assert events == [("session.started", None)]


async def test_activity_keeps_a_session_alive_and_idleness_ends_it(
    browser: Browser, session: AsyncSession, clock: TestClock
) -> None:
    await browser.login()
    for _ in range(2):
        clock.advance(timedelta(minutes=20))
        assert (await browser.graphql_get(ME)).data == SIGNED_IN
    [row] = await stored_sessions(session)
    assert row.last_seen_at == clock.now()

    clock.advance(timedelta(minutes=30))
    response = await browser.graphql_get(ME)

    assert response.error_codes == ["UNAUTHENTICATED"]
    assert await stored_sessions(session) == []
    assert (await session_events(session))[-1] == ("session.ended", "EXPIRED")
    assert browser.session_cookie is None


async def test_a_session_ends_at_its_absolute_lifetime_however_active(
    browser_app_factory: BrowserAppFactory, session: AsyncSession, clock: TestClock
) -> None:
    app = browser_app_factory(absolute_lifetime_s=3600)
    async with Browser.open(app) as browser:
        callback = await browser.login()
        assert "Max-Age=3600" in callback.headers["set-cookie"]
        for _ in range(2):
            clock.advance(timedelta(minutes=25))
            assert (await browser.graphql_get(ME)).data == SIGNED_IN

        clock.advance(timedelta(minutes=10))
        response = await browser.graphql_get(ME)

    assert response.error_codes == ["UNAUTHENTICATED"]
    assert await stored_sessions(session) == []
    assert (await session_events(session))[-1] == ("session.ended", "EXPIRED")


async def test_a_cookie_for_no_session_is_anonymous_and_removed(browser: Browser) -> None:
    browser.client.cookies.set(SESSION_COOKIE, "made-up", domain="prodvor.test")

    response = await browser.graphql_get(ME)

    assert response.error_codes == ["UNAUTHENTICATED"]
    assert browser.session_cookie is None
