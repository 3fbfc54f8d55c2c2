"""Browser login is off unless configured, and refuses a configuration that would be unsafe."""

import secrets

import httpx
import pytest
from pydantic import SecretStr

from app.container import Container
from app.sessions.browser import BrowserAuth
from app.settings import SessionSettings, Settings


def with_session(settings: Settings, issuer: str | None, **session: object) -> Settings:
    auth = settings.auth.model_copy(update={"issuer": issuer})
    configured = SessionSettings(
        encryption_key=SecretStr(secrets.token_urlsafe(32)),
        client_secret=SecretStr("secret"),
        **session,  # type: ignore[arg-type]
    )
    return settings.model_copy(update={"auth": auth, "session": configured})


async def test_without_configuration_there_are_no_auth_routes_and_cookies_are_ignored(
    client: httpx.AsyncClient,
) -> None:
    login = await client.get("/auth/login")
    query = await client.post(
        "/graphql",
        json={"query": "{ me { id } }"},
        headers={"Cookie": "__Host-prodvor_session=anything"},
    )

    assert login.status_code == 404
    assert query.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "set-cookie" not in query.headers


@pytest.mark.parametrize(
    ("issuer", "session", "message"),
    [
        (None, {}, "AUTH_ISSUER"),
        ("https://sso.example/realms/prodvor", {"client_id": "prodvor-bff"}, "AUTH_AUDIENCE"),
    ],
)
def test_unsafe_configurations_are_refused_at_startup(
    settings: Settings,
    container: Container,
    issuer: str | None,
    session: dict[str, object],
    message: str,
) -> None:
    with pytest.raises(RuntimeError, match=message):
        BrowserAuth.from_settings(with_session(settings, issuer, **session), container.tokens)
