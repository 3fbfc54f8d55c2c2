"""Bearer tokens from a real OpenID provider, and every way a token must be refused."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from joserfc import jwt
from sqlalchemy import func, select
from starlette.applications import Starlette

from app.auth.keys import OidcKeyProvider
from app.auth.tokens import TokenValidator
from app.clock import SystemClock
from app.container import Container
from app.db import Database
from app.events.runtime import EventsRuntime
from app.main import create_app
from app.settings import Settings
from app.users.models import User
from tests.fixtures.oidc import OidcProvider, new_key

ME = {"query": "query { me { id displayName roles } }"}


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


class Requests:
    """Counts what the app fetches from the provider (discovery and JWKS)."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    async def __call__(self, request: httpx.Request) -> None:
        self.urls.append(str(request.url))

    @property
    def jwks_fetches(self) -> int:
        return sum(url.endswith("/jwks") for url in self.urls)


AppBuilder = Callable[..., tuple[Starlette, Requests]]


@pytest.fixture
def oidc_app(settings: Settings, database: Database, oidc_provider: OidcProvider) -> AppBuilder:
    def build(
        *, monotonic: Callable[[], float] = time.monotonic, db: Database = database
    ) -> tuple[Starlette, Requests]:
        requests = Requests()
        http = httpx.AsyncClient(event_hooks={"request": [requests]})
        keys = OidcKeyProvider(
            oidc_provider.issuer, http, min_refresh_interval=60.0, monotonic=monotonic
        )
        tokens = TokenValidator(
            keys, audience="prodvor-bff", client_id="prodvor-bff", algorithms=["RS256", "ES256"]
        )
        clock = SystemClock()
        events = EventsRuntime(settings, db, clock, [])
        container = Container(
            settings=settings, db=db, tokens=tokens, clock=clock, http=http, events=events
        )
        return create_app(container=container), requests

    return build


@pytest.fixture
async def call(oidc_app: AppBuilder) -> AsyncIterator[Callable[..., Any]]:
    app, _ = oidc_app()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:

        async def send(token: str) -> httpx.Response:
            return await c.post("/graphql", json=ME, headers={"Authorization": f"Bearer {token}"})

        yield send


def forge(provider: OidcProvider, **overrides: Any) -> str:
    """A token signed with the provider's own key, with chosen claims."""
    now = int(time.time())
    claims = {
        "iss": provider.issuer,
        "aud": "prodvor-bff",
        "sub": "user-forged",
        "iat": now,
        "exp": now + 300,
        "preferred_username": "forged",
        "realm_access": {"roles": ["PLAYER"]},
    }
    header = {"alg": "RS256", "kid": provider.key.kid}
    header.update(overrides.pop("header", {}))
    claims.update(overrides)
    return jwt.encode(header, claims, provider.key)


def assert_rejected(response: httpx.Response) -> None:
    assert response.status_code == 401
    body = response.json()
    assert "data" not in body
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]


async def test_provider_token_authenticates_and_maps_keycloak_claims(
    call: Callable[..., Any], oidc_provider: OidcProvider
) -> None:
    response = await call(oidc_provider.token("user-alice"))

    assert response.status_code == 200
    me = response.json()["data"]["me"]
    assert me["displayName"] == "Алиса Тестова"
    assert me["roles"] == ["CAPTAIN", "PLAYER"]


async def test_forged_token_with_the_real_key_is_accepted(
    call: Callable[..., Any], oidc_provider: OidcProvider
) -> None:
    """Control for the rejection cases below: only the named defect makes them fail."""
    response = await call(forge(oidc_provider))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "overrides",
    [
        # Callables: times are taken when the test runs, not when the suite is collected.
        pytest.param(lambda: {"exp": int(time.time()) - 120}, id="expired"),
        pytest.param(lambda: {"nbf": int(time.time()) + 600}, id="not-yet-valid"),
        pytest.param(lambda: {"iss": "http://127.0.0.1:1/realms/other"}, id="wrong-issuer"),
        pytest.param(lambda: {"aud": "some-other-client"}, id="wrong-audience"),
        pytest.param(lambda: {"aud": None}, id="no-audience"),
        pytest.param(lambda: {"header": {"kid": "unknown-kid"}}, id="unknown-kid"),
    ],
)
async def test_defective_tokens_are_rejected(
    call: Callable[..., Any],
    oidc_provider: OidcProvider,
    overrides: Callable[[], dict[str, Any]],
) -> None:
    assert_rejected(await call(forge(oidc_provider, **overrides())))


async def test_token_signed_by_another_key_with_the_providers_kid_is_rejected(
    call: Callable[..., Any], oidc_provider: OidcProvider
) -> None:
    impostor = new_key()
    claims = {
        "iss": oidc_provider.issuer,
        "aud": "prodvor-bff",
        "sub": "x",
        "exp": int(time.time()) + 60,
    }
    token = jwt.encode({"alg": "RS256", "kid": oidc_provider.key.kid}, claims, impostor)
    assert_rejected(await call(token))


async def test_alg_none_is_rejected(call: Callable[..., Any], oidc_provider: OidcProvider) -> None:
    genuine = oidc_provider.token("user-alice")
    payload = genuine.split(".")[1]
    header = b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    assert_rejected(await call(f"{header}.{payload}."))


async def test_hs256_signed_with_the_public_key_is_rejected(
    call: Callable[..., Any], oidc_provider: OidcProvider
) -> None:
    public_pem = oidc_provider.key.as_pem(private=False)
    header = b64(json.dumps({"alg": "HS256", "kid": oidc_provider.key.kid}).encode())
    claims = {
        "iss": oidc_provider.issuer,
        "aud": "prodvor-bff",
        "sub": "x",
        "exp": int(time.time()) + 60,
    }
    payload = b64(json.dumps(claims).encode())
    signature = hmac.new(public_pem, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    assert_rejected(await call(f"{header}.{payload}.{b64(signature)}"))


async def test_tampered_payload_is_rejected(
    call: Callable[..., Any], oidc_provider: OidcProvider
) -> None:
    header, payload, signature = oidc_provider.token("user-boris").split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["realm_access"]["roles"] = ["ADMINISTRATOR"]
    assert_rejected(await call(f"{header}.{b64(json.dumps(claims).encode())}.{signature}"))


@pytest.mark.parametrize("value", ["garbage", "a.b.c", "", "Basic dXNlcjpwYXNz"])
async def test_malformed_authorization_is_rejected(oidc_app: AppBuilder, value: str) -> None:
    app, _ = oidc_app()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        response = await c.post("/graphql", json=ME, headers={"Authorization": value})
    assert_rejected(response)


async def test_key_rotation_is_picked_up_and_refetching_is_rate_limited(
    oidc_app: AppBuilder, oidc_provider: OidcProvider
) -> None:
    now = [1000.0]
    app, requests = oidc_app(monotonic=lambda: now[0])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:

        async def me(token: str) -> httpx.Response:
            return await c.post("/graphql", json=ME, headers={"Authorization": f"Bearer {token}"})

        old_token = oidc_provider.token("user-alice")
        assert (await me(old_token)).status_code == 200
        assert requests.jwks_fetches == 1

        for _ in range(5):
            assert_rejected(await me(forge(oidc_provider, header={"kid": "made-up"})))
        assert requests.jwks_fetches == 1, "unknown kids must not hammer the issuer"

        oidc_provider.rotate()
        now[0] += 61
        new_token = oidc_provider.token("user-alice")
        assert (await me(new_token)).status_code == 200
        assert requests.jwks_fetches == 2
        assert_rejected(await me(old_token))


async def test_concurrent_first_requests_provision_exactly_one_user(
    oidc_app: AppBuilder, oidc_provider: OidcProvider, committed_database: Database
) -> None:
    app, _ = oidc_app(db=committed_database)
    token = oidc_provider.token("user-racer")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        responses = await asyncio.gather(
            *(
                c.post("/graphql", json=ME, headers={"Authorization": f"Bearer {token}"})
                for _ in range(12)
            )
        )

    assert {r.status_code for r in responses} == {200}
    assert len({r.json()["data"]["me"]["id"] for r in responses}) == 1
    async with committed_database.session() as session:
        count = await session.scalar(
            select(func.count()).select_from(User).where(User.subject == "user-racer")
        )
    assert count == 1
