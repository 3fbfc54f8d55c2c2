"""Browser login: authorization code + PKCE against the real provider, and how it is refused."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.applications import Starlette

from app.auth.principal import Identity
from app.sessions.crypto import SessionCrypto, b64url, b64url_decode
from app.sessions.models import TokenKind
from app.users import service as users
from app.users.models import User
from tests.fixtures.app import TestClock
from tests.fixtures.browser import (
    ADMIN_ORIGIN,
    BFF_HOST,
    CLIENT_IP,
    LOGIN_COOKIE,
    SESSION_COOKIE,
    Browser,
    session_events,
    stored_sessions,
    stored_token,
)
from tests.fixtures.oidc import BFF_ORIGIN, OidcProvider

ME = "{ me { id displayName roles } }"


def set_cookies(response: httpx.Response) -> dict[str, SimpleCookie]:
    cookies = {}
    for header in response.headers.get_list("set-cookie"):
        cookie: SimpleCookie = SimpleCookie()
        cookie.load(header)
        cookies.update(dict.fromkeys(cookie, cookie))
    return cookies


async def test_login_then_a_query_with_only_the_cookie(
    browser: Browser, session: AsyncSession
) -> None:
    callback = await browser.login("user-alice")

    assert callback.headers["location"] == f"{BFF_ORIGIN}/"
    cookie = set_cookies(callback)[SESSION_COOKIE][SESSION_COOKIE]
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"] == "lax"
    assert cookie["path"] == "/"
    assert cookie["domain"] == ""
    assert cookie["max-age"] == "36000"
    assert browser.login_cookie is None, "the login state cookie is spent"

    response = await browser.graphql_get(ME)

    assert response.errors is None
    assert response.data is not None
    assert response.data["me"]["displayName"] == "Алиса Тестова"
    assert response.data["me"]["roles"] == ["CAPTAIN", "PLAYER"]
    [row] = await stored_sessions(session)
    assert str(row.user_id) == response.data["me"]["id"]
    assert row.subject == "user-alice"
    assert row.provider_sid is not None
    assert row.ip_address == CLIENT_IP
    assert row.user_agent is not None
    assert "Chrome" in row.user_agent
    assert await session_events(session) == [("session.started", None)]


async def test_the_cookie_is_opaque_and_no_token_reaches_the_browser(
    browser: Browser, session: AsyncSession, session_key: str
) -> None:
    start = await browser.start_login()
    login_state = SessionCrypto(session_key).open_login_state(browser.login_cookie or "")
    callback_url = await browser.authorize(start.headers["location"])
    callback = await browser.client.get(callback_url)
    session_info = await browser.session_info()

    cookie = browser.session_cookie
    assert cookie is not None
    assert len(b64url_decode(cookie)) == 32, "32 random bytes, nothing else"
    [row] = await stored_sessions(session)
    assert row.token_hash == hashlib.sha256(cookie.encode()).digest()
    tokens = [stored_token(row, kind, session_key) for kind in TokenKind]
    assert all(tokens)
    seen_by_browser = [
        *callback.headers.get_list("set-cookie"),
        *start.headers.get_list("set-cookie"),
        callback.headers["location"],
        session_info.text,
        str(login_state),
    ]
    stored = row.access_token + (row.refresh_token or b"") + (row.id_token or b"")
    for token in tokens:
        assert token is not None
        assert not any(token in text for text in seen_by_browser)
        assert not any(part.encode() in stored for part in token.split(".")), "encrypted at rest"
    assert set(login_state) == {"state", "nonce", "code_verifier", "return_to", "issued_at"}


async def test_the_authorization_request_uses_pkce_state_and_nonce(
    browser: Browser, session_key: str, oidc_provider: OidcProvider
) -> None:
    start = await browser.start_login()

    url = urlsplit(start.headers["location"])
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    state = SessionCrypto(session_key).open_login_state(browser.login_cookie or "")
    assert f"{url.scheme}://{url.netloc}" == oidc_provider.issuer
    assert query["response_type"] == "code"
    assert query["client_id"] == "prodvor-web"
    assert query["redirect_uri"] == f"{BFF_ORIGIN}/auth/callback"
    assert query["code_challenge_method"] == "S256"
    verifier_hash = hashlib.sha256(state["code_verifier"].encode()).digest()
    assert query["code_challenge"] == b64url(verifier_hash)
    assert query["state"] == state["state"]
    assert query["nonce"] == state["nonce"]
    assert "openid" in query["scope"].split()
    login_cookie = set_cookies(start)[LOGIN_COOKIE][LOGIN_COOKIE]
    assert login_cookie["httponly"] is True
    assert login_cookie["secure"] is True
    assert login_cookie["samesite"] == "lax"


@pytest.mark.parametrize(
    ("return_to", "lands_on"),
    [
        ("/teams/42?tab=matches#top", f"{BFF_ORIGIN}/teams/42?tab=matches#top"),
        (f"{BFF_ORIGIN}/profile", f"{BFF_ORIGIN}/profile"),
        (f"{ADMIN_ORIGIN}/moderation", f"{ADMIN_ORIGIN}/moderation"),
    ],
)
async def test_return_to_a_path_or_an_allowed_origin(
    browser: Browser, return_to: str, lands_on: str
) -> None:
    callback = await browser.login(return_to=return_to)

    assert callback.headers["location"] == lands_on


@pytest.mark.parametrize(
    "return_to",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "/\t/evil.example",
        "https://prodvor.test.evil.example/",
        "https://prodvor.test@evil.example/",
        "http://prodvor.test/",
        "javascript:alert(1)",
        "evil.example",
    ],
)
async def test_open_redirect_return_to_is_refused(
    browser: Browser, session: AsyncSession, return_to: str
) -> None:
    response = await browser.start_login(return_to)

    assert response.status_code == 400
    assert response.json()["error"] == "INVALID_RETURN_TO"
    assert "location" not in response.headers
    assert browser.login_cookie is None


async def test_tampered_state_is_rejected(browser: Browser, session: AsyncSession) -> None:
    start = await browser.start_login()
    callback_url = httpx.URL(await browser.authorize(start.headers["location"]))
    tampered = callback_url.copy_merge_params({"state": callback_url.params["state"] + "x"})

    response = await browser.client.get(tampered)

    assert response.status_code == 400
    assert response.json()["error"] == "INVALID_STATE"
    assert browser.session_cookie is None
    assert await stored_sessions(session) == []


async def test_a_callback_in_a_browser_that_did_not_start_the_login_is_rejected(
    browser: Browser, browser_app: Starlette, session: AsyncSession
) -> None:
    start = await browser.start_login()
    callback_url = await browser.authorize(start.headers["location"])

    async with Browser.open(browser_app) as victim:
        response = await victim.client.get(callback_url)

    assert response.status_code == 400
    assert response.json()["error"] == "LOGIN_EXPIRED"
    assert await stored_sessions(session) == []


async def test_a_replayed_code_is_rejected(browser: Browser, session: AsyncSession) -> None:
    start = await browser.start_login()
    login_cookie = browser.login_cookie
    callback_url = await browser.authorize(start.headers["location"])
    assert (await browser.client.get(callback_url)).status_code == 303
    browser.client.cookies.set(LOGIN_COOKIE, login_cookie or "", domain=BFF_HOST)

    replay = await browser.client.get(callback_url)

    assert replay.status_code == 400
    assert replay.json()["error"] == "CODE_REJECTED"
    assert len(await stored_sessions(session)) == 1


@pytest.mark.parametrize(
    ("field", "error"),
    [("nonce", "INVALID_TOKEN"), ("code_verifier", "CODE_REJECTED")],
)
async def test_a_login_state_that_does_not_match_the_request_is_rejected(
    browser: Browser, session: AsyncSession, session_key: str, field: str, error: str
) -> None:
    """As if an ID token or a code from another login were injected into this one."""
    crypto = SessionCrypto(session_key)
    start = await browser.start_login()
    state = crypto.open_login_state(browser.login_cookie or "")
    callback_url = await browser.authorize(start.headers["location"])
    state[field] = "another-" + state[field]
    browser.client.cookies.set(LOGIN_COOKIE, crypto.seal_login_state(state), domain=BFF_HOST)

    response = await browser.client.get(callback_url)

    assert response.status_code == 400
    assert response.json()["error"] == error
    assert await stored_sessions(session) == []


async def test_a_login_state_older_than_ten_minutes_is_rejected(
    browser: Browser, session: AsyncSession, session_key: str
) -> None:
    crypto = SessionCrypto(session_key)
    start = await browser.start_login()
    state = crypto.open_login_state(browser.login_cookie or "")
    callback_url = await browser.authorize(start.headers["location"])
    state["issued_at"] -= 601
    browser.client.cookies.set(LOGIN_COOKIE, crypto.seal_login_state(state), domain=BFF_HOST)

    response = await browser.client.get(callback_url)

    assert response.json()["error"] == "LOGIN_EXPIRED"
    assert await stored_sessions(session) == []


async def test_a_banned_user_cannot_sign_in(
    browser: Browser, session: AsyncSession, clock: TestClock
) -> None:
    identity = Identity(subject="user-boris", username="boris", email=None, name="Борис")
    user = await users.provision(session, identity)
    user.banned_until = clock.now() + timedelta(days=3)
    await session.flush()
    start = await browser.start_login()
    callback_url = await browser.authorize(start.headers["location"], "user-boris")

    response = await browser.client.get(callback_url)

    assert response.status_code == 403
    assert response.json()["error"] == "USER_BANNED"
    assert browser.session_cookie is None
    assert await stored_sessions(session) == []


async def test_cookie_and_bearer_token_are_the_same_caller(
    browser: Browser, session: AsyncSession, oidc_provider: OidcProvider
) -> None:
    await browser.login("user-alice")
    by_cookie = await browser.graphql_get(ME)
    bearer = {"Authorization": f"Bearer {oidc_provider.token('user-alice')}"}

    by_bearer = await browser.client.get(
        f"{BFF_ORIGIN}/graphql", params={"query": ME}, headers=bearer
    )

    assert by_cookie.errors is None
    assert by_cookie.data == by_bearer.json()["data"]
    ids = (await session.scalars(select(User.id).where(User.subject == "user-alice"))).all()
    assert [str(user_id) for user_id in ids] == [by_cookie.data["me"]["id"]]


async def test_signing_in_again_in_the_same_browser_replaces_its_session(
    browser: Browser, session: AsyncSession
) -> None:
    await browser.login("user-alice")
    first_cookie = browser.session_cookie

    await browser.login("user-alice")

    assert browser.session_cookie not in (None, first_cookie)
    [row] = await stored_sessions(session)
    assert row.token_hash == hashlib.sha256((browser.session_cookie or "").encode()).digest()
    assert await session_events(session) == [
        ("session.started", None),
        ("session.ended", "REPLACED"),
        ("session.started", None),
    ]


async def test_the_session_endpoint_without_a_session_is_401(browser: Browser) -> None:
    response = await browser.session_info()

    assert response.status_code == 401
    assert response.json()["error"] == "UNAUTHENTICATED"
    assert response.headers["cache-control"] == "no-store"
