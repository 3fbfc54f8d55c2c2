"""Cookie-authenticated POSTs need the frontend's Origin and the session's CSRF token."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.applications import Starlette

from app.users.models import User
from tests.fixtures.browser import Browser
from tests.fixtures.oidc import BFF_ORIGIN, OidcProvider

UPDATE = """
mutation Rename($input: UpdateProfileInput!) {
  updateProfile(input: $input) { __typename ... on UpdateProfilePayload { user { displayName } } }
}
"""
RENAME = {"input": {"displayName": "Новое имя"}}


async def display_name(session: AsyncSession) -> str | None:
    stmt = select(User.display_name).where(User.subject == "user-alice")
    return await session.scalar(stmt.execution_options(populate_existing=True))


async def test_a_mutation_with_origin_and_csrf_token_succeeds(
    browser: Browser, session: AsyncSession
) -> None:
    await browser.login()
    token = await browser.csrf_token()

    response = await browser.graphql(UPDATE, RENAME, csrf_token=token)

    assert response.errors is None
    assert response.data == {
        "updateProfile": {
            "__typename": "UpdateProfilePayload",
            "user": {"displayName": "Новое имя"},
        }
    }
    assert await display_name(session) == "Новое имя"


@pytest.mark.parametrize(
    ("token", "origin", "reason"),
    [
        pytest.param(None, BFF_ORIGIN, "CSRF_TOKEN", id="no-token"),
        pytest.param("forged", BFF_ORIGIN, "CSRF_TOKEN", id="wrong-token"),
        pytest.param("valid", "https://evil.example", "ORIGIN", id="foreign-origin"),
        pytest.param("valid", "null", "ORIGIN", id="opaque-origin"),
        pytest.param("valid", None, "ORIGIN", id="no-origin"),
    ],
)
async def test_a_cookie_mutation_without_origin_or_token_is_rejected(
    browser: Browser, session: AsyncSession, token: str | None, origin: str | None, reason: str
) -> None:
    await browser.login()
    valid = await browser.csrf_token()

    response = await browser.graphql(
        UPDATE, RENAME, csrf_token=valid if token == "valid" else token, origin=origin
    )

    assert response.status_code == 403
    assert response.data is None
    assert response.errors is not None
    assert [e["extensions"] for e in response.errors] == [{"code": "FORBIDDEN", "reason": reason}]
    assert await display_name(session) == "Алиса Тестова"


async def test_another_sessions_csrf_token_does_not_fit(
    browser: Browser, browser_app: Starlette, session: AsyncSession
) -> None:
    await browser.login()
    async with Browser.open(browser_app) as other:
        await other.login()
        others_token = await other.csrf_token()

    response = await browser.graphql(UPDATE, RENAME, csrf_token=others_token)

    assert response.status_code == 403
    assert await display_name(session) == "Алиса Тестова"


async def test_bearer_requests_need_neither_origin_nor_csrf_token(
    browser: Browser, oidc_provider: OidcProvider, session: AsyncSession
) -> None:
    """Even with a session cookie present: the bearer token decides, the cookie is ignored."""
    await browser.login()
    bearer = {"Authorization": f"Bearer {oidc_provider.token('user-alice')}"}

    response = await browser.graphql(UPDATE, RENAME, origin=None, headers=bearer)

    assert response.errors is None
    assert await display_name(session) == "Новое имя"


async def test_cookie_queries_over_get_need_no_csrf_token(browser: Browser) -> None:
    await browser.login()

    response = await browser.graphql_get("{ me { displayName } }")

    assert response.errors is None
    assert response.data == {"me": {"displayName": "Алиса Тестова"}}


async def test_mutations_over_get_are_refused_even_with_a_cookie(
    browser: Browser, session: AsyncSession
) -> None:
    """Why GET needs no CSRF token: it cannot change anything."""
    await browser.login()
    mutation = 'mutation { updateProfile(input: {displayName: "Хакер"}) { __typename } }'

    response = await browser.client.get(f"{BFF_ORIGIN}/graphql", params={"query": mutation})

    assert response.status_code == 405
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert await display_name(session) == "Алиса Тестова"
