"""deploy/keycloak/realm-prodvor.json: the realm's promises, and that the app takes its tokens."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from joserfc import jwt

from app.auth.roles import Role
from tests.auth.test_oidc_provider import call, oidc_app  # noqa: F401  (fixtures)
from tests.fixtures.oidc import OidcProvider

REALM = json.loads(
    (Path(__file__).parents[2] / "deploy" / "keycloak" / "realm-prodvor.json").read_text()
)


def client(client_id: str) -> dict[str, Any]:
    (found,) = [c for c in REALM["clients"] if c["clientId"] == client_id]
    return found


def mappers(client_id: str) -> dict[str, dict[str, Any]]:
    return {m["protocolMapper"] + ":" + m["name"]: m for m in client(client_id)["protocolMappers"]}


def test_the_realm_has_the_domain_roles_and_players_by_default() -> None:
    roles = {role["name"] for role in REALM["roles"]["realm"]}

    assert REALM["realm"] == "prodvor"
    assert roles >= {role.value for role in Role}
    (default,) = [r for r in REALM["roles"]["realm"] if r["name"] == "default-roles-prodvor"]
    assert default["composites"]["realm"] == ["PLAYER"]
    assert REALM["defaultRole"]["name"] == "default-roles-prodvor"


def test_the_frontend_is_a_public_pkce_client_without_password_grants() -> None:
    frontend = client("prodvor-frontend")

    assert frontend["publicClient"] is True
    assert frontend["standardFlowEnabled"] is True
    assert frontend["directAccessGrantsEnabled"] is False
    assert frontend["implicitFlowEnabled"] is False
    assert frontend["attributes"]["pkce.code.challenge.method"] == "S256"
    assert "*" not in frontend["webOrigins"]
    assert all(uri.startswith("https://") for uri in frontend["redirectUris"])


def test_the_bff_is_a_confidential_audience_without_flows_or_committed_secret() -> None:
    bff = client("prodvor-bff")

    assert bff["publicClient"] is False
    assert not any(
        bff[flow]
        for flow in (
            "standardFlowEnabled",
            "implicitFlowEnabled",
            "directAccessGrantsEnabled",
            "serviceAccountsEnabled",
        )
    )
    for entry in REALM["clients"]:
        assert "secret" not in entry, entry["clientId"]


def test_tokens_for_the_frontend_carry_the_bff_audience_and_profile_claims() -> None:
    found = mappers("prodvor-frontend")

    audience = found["oidc-audience-mapper:audience prodvor-bff"]["config"]
    assert audience["included.client.audience"] == "prodvor-bff"
    assert audience["access.token.claim"] == "true"
    claims = {m["config"].get("claim.name") for m in found.values()}
    assert {"preferred_username", "email", "realm_access.roles"} <= claims
    assert "oidc-full-name-mapper:full name" in found
    for mapper in found.values():
        assert mapper["config"]["access.token.claim"] == "true"
    assert client("prodvor-web")["directAccessGrantsEnabled"] is False


def test_brute_force_protection_and_token_lifetimes() -> None:
    assert REALM["bruteForceProtected"] is True
    assert REALM["failureFactor"] <= 10
    assert REALM["permanentLockout"] is False
    assert REALM["accessTokenLifespan"] <= 600
    assert REALM["ssoSessionIdleTimeout"] <= 3600
    assert REALM["ssoSessionMaxLifespan"] <= 24 * 3600
    assert REALM["revokeRefreshToken"] is True
    assert REALM["refreshTokenMaxReuse"] == 0
    assert REALM["sslRequired"] == "external"


def realm_access_token(provider: OidcProvider, subject: str) -> str:
    """Claims exactly as this realm's mappers put them in a prodvor-frontend access token."""
    now = int(time.time())
    found = mappers("prodvor-frontend")
    audience = found["oidc-audience-mapper:audience prodvor-bff"]["config"]
    claims: dict[str, Any] = {
        "exp": now + REALM["accessTokenLifespan"],
        "iat": now,
        "auth_time": now,
        "jti": str(uuid.uuid4()),
        "iss": provider.issuer,
        "aud": audience["included.client.audience"],
        "sub": subject,
        "typ": "Bearer",
        "azp": "prodvor-frontend",
        "sid": str(uuid.uuid4()),
        "acr": "1",
        "allowed-origins": client("prodvor-frontend")["webOrigins"],
        "scope": "openid profile email",
        "email_verified": True,
        "name": "Мария Иванова",
        "given_name": "Мария",
        "family_name": "Иванова",
        "preferred_username": "maria",
        "email": "maria@prodvor.test",
        "realm_access": {"roles": ["default-roles-prodvor", "PLAYER", "ORGANIZER"]},
    }
    header = {"alg": "RS256", "kid": provider.key.kid, "typ": "JWT"}
    return jwt.encode(header, claims, provider.key)


async def test_the_app_accepts_an_access_token_shaped_like_the_realms(
    call: Callable[..., Any],  # noqa: F811
    oidc_provider: OidcProvider,
) -> None:
    subject = str(uuid.uuid4())

    response = await call(realm_access_token(oidc_provider, subject))

    assert response.status_code == 200
    me = response.json()["data"]["me"]
    assert me["displayName"] == "Мария Иванова"
    assert me["roles"] == ["ORGANIZER", "PLAYER"]
