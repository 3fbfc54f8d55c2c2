"""``mySessions``, ``revokeSession`` and ``revokeOtherSessions``."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.applications import Starlette

from app.events.models import OutboxEvent
from app.sessions.crypto import cookie_hash
from tests.fixtures.app import TestClock
from tests.fixtures.browser import (
    CLIENT_IP,
    Browser,
    BrowserAppFactory,
    session_events,
    stored_sessions,
)
from tests.fixtures.oidc import OidcProvider
from tests.fixtures.statements import StatementCounter

FIREFOX_ON_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0"
MY_SESSIONS = "{ mySessions { id device userAgent ipAddress current lastSeenAt } }"
REVOKE = """
mutation Revoke($input: RevokeSessionInput!) {
  revokeSession(input: $input) {
    __typename
    ... on RevokeSessionPayload { sessionId }
    ... on UserError { code }
  }
}
"""
REVOKE_OTHERS = "mutation { revokeOtherSessions { revokedCount } }"


@pytest.fixture
async def phone(browser_app: Starlette) -> AsyncIterator[Browser]:
    async with Browser.open(browser_app, user_agent=FIREFOX_ON_ANDROID) as phone:
        yield phone


async def session_id(session: AsyncSession, browser: Browser) -> str:
    [row] = [
        row
        for row in await stored_sessions(session)
        if row.token_hash == cookie_hash(browser.session_cookie or "")
    ]
    return str(row.id)


def bearer(provider: OidcProvider, user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {provider.token(user)}"}


async def test_my_sessions_lists_my_devices_and_marks_this_one(
    browser: Browser,
    phone: Browser,
    browser_app: Starlette,
    session: AsyncSession,
    clock: TestClock,
    count_statements: StatementCounter,
) -> None:
    await phone.login("user-alice")
    async with Browser.open(browser_app) as stranger:
        await stranger.login("user-boris")
    clock.advance(timedelta(minutes=2))
    await browser.login("user-alice")

    with count_statements() as log:
        response = await browser.graphql_get(MY_SESSIONS)

    assert response.errors is None
    assert response.data is not None
    assert response.data["mySessions"] == [
        {
            "id": await session_id(session, browser),
            "device": "Chrome, Windows",
            "userAgent": browser.client.headers["user-agent"],
            "ipAddress": CLIENT_IP,
            "current": True,
            "lastSeenAt": clock.now().isoformat(),
        },
        {
            "id": await session_id(session, phone),
            "device": "Firefox, Android",
            "userAgent": FIREFOX_ON_ANDROID,
            "ipAddress": CLIENT_IP,
            "current": False,
            "lastSeenAt": (clock.now() - timedelta(minutes=2)).isoformat(),
        },
    ]
    # The cookie's session, then the list: sign-in read the user, whose principal is cached.
    assert len(log) == 2, str(log)


async def test_revoking_another_device_signs_it_out(
    browser: Browser, phone: Browser, session: AsyncSession
) -> None:
    await browser.login("user-alice")
    await phone.login("user-alice")
    phone_session = await session_id(session, phone)

    response = await browser.graphql(
        REVOKE, {"input": {"id": phone_session}}, csrf_token=await browser.csrf_token()
    )

    assert response.data == {
        "revokeSession": {"__typename": "RevokeSessionPayload", "sessionId": phone_session}
    }
    assert (await phone.graphql_get("{ me { id } }")).error_codes == ["UNAUTHENTICATED"]
    assert len(await stored_sessions(session)) == 1
    assert (await session_events(session))[-1] == ("session.ended", "REVOKED")
    event = await session.scalar(select(OutboxEvent).order_by(OutboxEvent.seq.desc()).limit(1))
    assert event is not None
    [row] = await stored_sessions(session)
    assert event.actor_id == row.user_id


@pytest.mark.parametrize("target", ["someone-elses", "unknown", "malformed"])
async def test_revoking_a_session_that_is_not_mine_is_not_found(
    browser: Browser, session: AsyncSession, oidc_provider: OidcProvider, target: str
) -> None:
    await browser.login("user-alice")
    ids = {
        "someone-elses": await session_id(session, browser),
        "unknown": str(uuid.uuid4()),
        "malformed": "not-an-id",
    }

    response = await browser.graphql(
        REVOKE, {"input": {"id": ids[target]}}, headers=bearer(oidc_provider, "user-boris")
    )

    assert response.data == {"revokeSession": {"__typename": "NotFound", "code": "NOT_FOUND"}}
    assert len(await stored_sessions(session)) == 1
    assert await session_events(session) == [("session.started", None)]


async def test_revoke_other_sessions_keeps_this_one(
    browser: Browser, phone: Browser, browser_app: Starlette, session: AsyncSession
) -> None:
    await browser.login("user-alice")
    await phone.login("user-alice")
    async with Browser.open(browser_app) as tablet:
        await tablet.login("user-alice")
    async with Browser.open(browser_app) as stranger:
        await stranger.login("user-boris")

    response = await browser.graphql(REVOKE_OTHERS, csrf_token=await browser.csrf_token())

    assert response.data == {"revokeOtherSessions": {"revokedCount": 2}}
    remaining = {row.subject: str(row.id) for row in await stored_sessions(session)}
    assert remaining == {
        "user-alice": await session_id(session, browser),
        "user-boris": remaining["user-boris"],
    }


async def test_revoke_other_sessions_with_a_bearer_token_ends_every_browser_session(
    browser: Browser, phone: Browser, session: AsyncSession, oidc_provider: OidcProvider
) -> None:
    await browser.login("user-alice")
    await phone.login("user-alice")

    response = await browser.graphql(REVOKE_OTHERS, headers=bearer(oidc_provider, "user-alice"))

    assert response.data == {"revokeOtherSessions": {"revokedCount": 2}}
    assert await stored_sessions(session) == []


async def test_my_sessions_needs_a_signed_in_caller(browser: Browser) -> None:
    response = await browser.graphql_get(MY_SESSIONS)

    assert response.data is None
    assert response.error_codes == ["UNAUTHENTICATED"]


async def test_a_login_beyond_the_cap_ends_the_least_recently_used_session(
    browser_app_factory: BrowserAppFactory, session: AsyncSession, clock: TestClock
) -> None:
    app = browser_app_factory(max_per_user=2)
    async with Browser.open(app) as oldest, Browser.open(app) as recent, Browser.open(app) as new:
        await oldest.login()
        clock.advance(timedelta(minutes=2))
        await recent.login()
        clock.advance(timedelta(minutes=2))
        assert (await oldest.graphql_get("{ me { id } }")).errors is None, "used, so not oldest"

        await new.login()

        assert (await recent.graphql_get("{ me { id } }")).error_codes == ["UNAUTHENTICATED"]
        assert (await oldest.graphql_get("{ me { id } }")).errors is None
    assert len(await stored_sessions(session)) == 2
    assert ("session.ended", "EVICTED") in await session_events(session)


async def test_a_login_clears_the_users_expired_sessions(
    browser: Browser, phone: Browser, session: AsyncSession, clock: TestClock
) -> None:
    await phone.login()
    clock.advance(timedelta(minutes=31))

    await browser.login()

    assert [str(row.id) for row in await stored_sessions(session)] == [
        await session_id(session, browser)
    ]
    assert ("session.ended", "EXPIRED") in await session_events(session)
