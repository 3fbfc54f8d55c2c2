"""A development OpenID issuer built into the app (APP_ENV dev or test only).

It stands in for Keycloak on a laptop: it serves a discovery document and a JWKS from a key
kept under ``.data/``, and mints access tokens shaped like Keycloak's for the seeded demo
users (``prodvor dev-token USER``). It is refused outside dev and test.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.auth.keys import StaticKeyProvider
from app.auth.roles import Role
from app.settings import AppEnv, Settings

PATH = "/dev/oidc"


class DevIssuerNotAllowedError(RuntimeError):
    pass


class DevIssuer:
    def __init__(self, key: RSAKey, issuer: str, *, audience: str, client_id: str) -> None:
        self._key = key
        self.issuer = issuer
        self._audience = audience
        self._client_id = client_id

    @classmethod
    def from_settings(cls, settings: Settings) -> DevIssuer:
        if settings.app_env not in (AppEnv.DEV, AppEnv.TEST):
            raise DevIssuerNotAllowedError(
                f"the dev issuer only runs with APP_ENV=dev or test, not {settings.app_env}"
            )
        return cls(
            _load_or_create_key(settings.data_dir / "dev-issuer" / "key.json"),
            settings.auth.public_url.rstrip("/") + PATH,
            audience=settings.auth.audience,
            client_id=settings.auth.client_id,
        )

    def key_provider(self) -> StaticKeyProvider:
        return StaticKeyProvider(self.issuer, KeySet([self._key]))

    def public_jwks(self) -> dict[str, Any]:
        return dict(KeySet([self._key]).as_dict(private=False))

    def mint(
        self,
        subject: str,
        *,
        username: str,
        roles: Iterable[Role] = (Role.PLAYER,),
        email: str | None = None,
        name: str | None = None,
        ttl_s: int = 12 * 3600,
    ) -> str:
        """An access token with the claims a Keycloak realm token carries."""
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": [self._audience, "account"],
            "sub": subject,
            "typ": "Bearer",
            "azp": "prodvor-frontend",
            "iat": now,
            "exp": now + ttl_s,
            "jti": str(uuid.uuid4()),
            "preferred_username": username,
            "email": email,
            "name": name,
            "realm_access": {"roles": [str(role) for role in roles]},
        }
        header = {"alg": "RS256", "kid": self._key.kid, "typ": "JWT"}
        return jwt.encode(header, claims, self._key)

    def routes(self) -> list[Route]:
        return [
            Route(f"{PATH}/.well-known/openid-configuration", self._discovery),
            Route(f"{PATH}/jwks", self._jwks),
        ]

    async def _discovery(self, request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "issuer": self.issuer,
                "jwks_uri": f"{self.issuer}/jwks",
                "id_token_signing_alg_values_supported": ["RS256"],
                "subject_types_supported": ["public"],
                "response_types_supported": ["code"],
            }
        )

    async def _jwks(self, request: Request) -> JSONResponse:
        return JSONResponse(self.public_jwks())


def _load_or_create_key(path: Path) -> RSAKey:
    if path.exists():
        return RSAKey.import_key(json.loads(path.read_text()))
    key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"}, auto_kid=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(json.dumps(key.as_dict(private=True)))
    return key
