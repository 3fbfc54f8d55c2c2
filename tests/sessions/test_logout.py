"""Logout here and at the provider, and the provider's back-channel logout."""

from __future__ import annotations

import time
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.sessions.crypto import cookie_hash
from app.sessions.models import TokenKind
from app.sessions.oidc import BACKCHANNEL_LOGOUT_EVENT
from tests.fixtures.browser import (
    Browser,
    BrowserAppFactory,
    session_events,
    stored_sessions,
    stored_token,
)
from tests.fixtures.live import LiveServer
from tests.fixtures.oidc import (
    BFF_CLIENT_ID,
    BFF_CLIENT_SECRET,
    BFF_ORIGIN,
    OidcProvider,
    new_key,
)

ME = "{ me { displayName } }"


async def test_logout_ends_the_session_here_and_hands_over_to_the_provider(
    browser: Browser, session: AsyncSession, session_key: str, oidc_provider: OidcProvider
) -> None:
    await browser.login()
    [row] = await stored_sessions(session)
    refresh_token = stored_token(row, TokenKind.REFRESH, session_key)
    id_token = stored_token(row, TokenKind.ID, session_key)

    response = await browser.logout(await browser.csrf_token())

    assert response.status_code == 200
    logout_url = urlsplit(response.json()["logoutUrl"])
    params = {key: values[0] for key, values in parse_qs(logout_url.query).items()}
    assert f"{logout_url.scheme}://{logout_url.netloc}" == oidc_provider.issuer
    assert params["id_token_hint"] == id_token
    assert params["post_logout_redirect_uri"] == f"{BFF_ORIGIN}/"
    assert params["client_id"] == BFF_CLIENT_ID
    assert browser.session_cookie is None
    assert await stored_sessions(session) == []
    assert (await session_events(session))[-1] == ("session.ended", "LOGOUT")
    assert (await browser.graphql_get(ME)).error_codes == ["UNAUTHENTICATED"]
    async with httpx.AsyncClient() as client:
        spent = await client.post(
            f"{oidc_provider.issuer}/token",
            data={"grant_type": "refresh_token", "refresh_token": refresh_token},
            auth=(BFF_CLIENT_ID, BFF_CLIENT_SECRET),
        )
    assert spent.json()["error"] == "invalid_grant", "the refresh token was revoked"

    ended = await browser.end_provider_session(response.json()["logoutUrl"])

    assert ended.status_code == 303
    assert ended.headers["location"].startswith(f"{BFF_ORIGIN}/")
    relogin = await browser.start_login()
    page = await browser.client.get(relogin.headers["location"], follow_redirects=True)
    assert 'name="password"' in page.text, "signed out at the provider too: asks again"


@pytest.mark.parametrize(
    ("token", "origin"),
    [
        pytest.param(None, BFF_ORIGIN, id="no-csrf-token"),
        pytest.param("valid", "https://evil.example", id="foreign-origin"),
    ],
)
async def test_a_forged_logout_is_refused(
    browser: Browser, session: AsyncSession, token: str | None, origin: str
) -> None:
    await browser.login()
    valid = await browser.csrf_token()

    response = await browser.logout(valid if token == "valid" else token, origin=origin)

    assert response.status_code == 403
    assert len(await stored_sessions(session)) == 1
    assert (await browser.graphql_get(ME)).data == {"me": {"displayName": "Алиса Тестова"}}


async def test_backchannel_logout_from_the_provider_ends_that_browsers_session(
    browser_app_factory: BrowserAppFactory,
    committed_database: Database,
    live_server: LiveServer,
    oidc_provider: OidcProvider,
) -> None:
    """The user signs out at the provider; the provider tells the BFF over its back channel."""
    app = browser_app_factory(db=committed_database)
    await live_server(app, oidc_provider.bff_port)
    async with Browser.open(app) as laptop, Browser.open(app) as phone:
        await laptop.login("user-alice")
        await phone.login("user-alice")
        async with committed_database.session() as session:
            rows = {row.token_hash: row for row in await stored_sessions(session)}
        laptop_session = rows[cookie_hash(laptop.session_cookie or "")]
        phone_session = rows[cookie_hash(phone.session_cookie or "")]

        ended = await laptop.end_provider_session(f"{oidc_provider.issuer}/session/end")

        assert ended.status_code == 303
        assert (await laptop.graphql_get(ME)).error_codes == ["UNAUTHENTICATED"]
        assert (await phone.graphql_get(ME)).data == {"me": {"displayName": "Алиса Тестова"}}
    async with committed_database.session() as session:
        assert [row.id for row in await stored_sessions(session)] == [phone_session.id]
        events = await session_events(session)
    assert events.count(("session.ended", "PROVIDER_LOGOUT")) == 1
    assert laptop_session.provider_sid != phone_session.provider_sid


def logout_token(provider: OidcProvider, key: Any = None, **overrides: Any) -> str:
    """Signed with the provider's own key unless ``key`` is given; ``None`` drops a claim."""
    now = int(time.time())
    claims = {
        "iss": provider.issuer,
        "aud": BFF_CLIENT_ID,
        "iat": now,
        "exp": now + 120,
        "jti": str(uuid.uuid4()),
        "sub": "user-alice",
        "events": {BACKCHANNEL_LOGOUT_EVENT: {}},
    }
    for name, value in overrides.items():
        if value is None:
            claims.pop(name, None)
        else:
            claims[name] = value
    signing_key = key or provider.key
    header = {"alg": "RS256", "kid": provider.key.kid, "typ": "logout+jwt"}
    return jwt.encode(header, claims, signing_key)


async def post_logout_token(browser: Browser, token: str) -> httpx.Response:
    return await browser.client.post(
        f"{BFF_ORIGIN}/auth/backchannel-logout", data={"logout_token": token}
    )


async def test_a_logout_token_naming_the_subject_ends_all_their_sessions(
    browser: Browser, browser_app: Any, session: AsyncSession, oidc_provider: OidcProvider
) -> None:
    await browser.login("user-alice")
    async with Browser.open(browser_app) as other:
        await other.login("user-boris")

    response = await post_logout_token(browser, logout_token(oidc_provider, sub="user-alice"))

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert [row.subject for row in await stored_sessions(session)] == ["user-boris"]


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"key": "impostor"}, id="foreign-signature"),
        pytest.param({"aud": "prodvor-bff"}, id="addressed-to-the-api"),
        pytest.param({"iss": "http://127.0.0.1:1"}, id="another-issuer"),
        pytest.param({"events": None}, id="no-logout-event"),
        pytest.param({"events": {"urn:other": {}}}, id="another-event"),
        pytest.param({"nonce": "n"}, id="an-id-token-with-nonce"),
        pytest.param({"sub": None}, id="neither-subject-nor-sid"),
        pytest.param({"exp": int(time.time()) - 600}, id="expired"),
    ],
)
async def test_invalid_logout_tokens_end_nothing(
    browser: Browser,
    session: AsyncSession,
    oidc_provider: OidcProvider,
    overrides: dict[str, Any],
) -> None:
    await browser.login("user-alice")
    key = new_key() if overrides.pop("key", None) else None
    token = logout_token(oidc_provider, key, **overrides)

    response = await post_logout_token(browser, token)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert len(await stored_sessions(session)) == 1


async def test_an_id_token_is_not_a_bearer_token_for_the_api(
    browser: Browser, session: AsyncSession, session_key: str
) -> None:
    """ID tokens pass through the browser on logout; they are addressed to the client only."""
    await browser.login()
    [row] = await stored_sessions(session)
    id_token = stored_token(row, TokenKind.ID, session_key)

    response = await browser.client.post(
        f"{BFF_ORIGIN}/graphql",
        json={"query": ME},
        headers={"Authorization": f"Bearer {id_token}"},
    )

    assert response.status_code == 401


async def test_logout_without_a_session_still_offers_the_providers_logout(
    browser: Browser, oidc_provider: OidcProvider
) -> None:
    """An idle-expired session leaves the provider's session behind; "log out" ends that too."""
    response = await browser.client.post(f"{BFF_ORIGIN}/auth/logout")

    assert response.status_code == 200
    logout_url = urlsplit(response.json()["logoutUrl"])
    params = parse_qs(logout_url.query)
    assert f"{logout_url.scheme}://{logout_url.netloc}" == oidc_provider.issuer
    assert "id_token_hint" not in params
    assert params["client_id"] == [BFF_CLIENT_ID]
