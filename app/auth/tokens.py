"""Validation of bearer access tokens and their mapping to an ``Identity``."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jws import extract_compact
from joserfc.jwt import JWTClaimsRegistry

from app.auth.errors import InvalidTokenError
from app.auth.keys import KeyProvider
from app.auth.principal import Identity
from app.auth.roles import parse_roles

#: Never accept unsigned or symmetric tokens, whatever the configuration says: an HS256 token
#: "signed" with the issuer's public key is the classic algorithm-confusion attack.
FORBIDDEN_ALGORITHMS = frozenset({"none", "HS256", "HS384", "HS512"})


class TokenValidator:
    def __init__(
        self,
        keys: KeyProvider,
        *,
        audience: str,
        client_id: str,
        algorithms: Sequence[str],
        leeway_s: int = 30,
    ) -> None:
        self._keys = keys
        self._audience = audience
        self._client_id = client_id
        self._algorithms = [alg for alg in algorithms if alg not in FORBIDDEN_ALGORITHMS]
        self._leeway = leeway_s

    @property
    def issuer(self) -> str:
        return self._keys.issuer

    def for_audience(self, audience: str) -> TokenValidator:
        """The same issuer, keys and algorithms for tokens meant for another audience.

        ID tokens and logout tokens are addressed to the BFF's OIDC client, not to the API.
        """
        return TokenValidator(
            self._keys,
            audience=audience,
            client_id=self._client_id,
            algorithms=self._algorithms,
            leeway_s=self._leeway,
        )

    @property
    def key_set(self) -> object | None:
        """The issuer's keys as this validator knows them now (compared by identity)."""
        return self._keys.current

    async def validate(self, token: str) -> Identity:
        claims = await self.decode(token)
        return identity_from_claims(claims, self._client_id)

    async def decode(self, token: str, *, subject_required: bool = True) -> dict[str, Any]:
        header = _header(token)
        alg = header.get("alg")
        if alg not in self._algorithms:
            raise InvalidTokenError(f"algorithm {alg!r} not allowed")
        kid = header.get("kid")
        keys = await self._keys.key_set_for(kid if isinstance(kid, str) else None)
        try:
            decoded = jwt.decode(token, keys, algorithms=self._algorithms)
            self._registry(subject_required).validate(decoded.claims)
        except JoseError as exc:
            raise InvalidTokenError(f"{type(exc).__name__}: {exc}") from exc
        except ValueError as exc:
            raise InvalidTokenError(f"malformed token: {exc}") from exc
        return dict(decoded.claims)

    def _registry(self, subject_required: bool) -> JWTClaimsRegistry:
        return JWTClaimsRegistry(
            now=int(time.time()),
            leeway=self._leeway,
            iss={"essential": True, "value": self.issuer},
            aud={"essential": True, "value": self._audience},
            exp={"essential": True},
            sub={"essential": subject_required},
        )


def _header(token: str) -> Mapping[str, Any]:
    try:
        return extract_compact(token.encode()).headers()
    except (JoseError, ValueError, UnicodeError) as exc:
        raise InvalidTokenError("malformed token") from exc


def identity_from_claims(claims: Mapping[str, Any], client_id: str) -> Identity:
    """Map Keycloak's claims: realm roles plus the roles of our own client."""
    realm_roles = (claims.get("realm_access") or {}).get("roles", [])
    client_roles = ((claims.get("resource_access") or {}).get(client_id) or {}).get("roles", [])
    subject = str(claims["sub"])
    username = claims.get("preferred_username") or subject
    return Identity(
        subject=subject,
        username=str(username),
        email=_optional_str(claims.get("email")),
        name=_optional_str(claims.get("name")),
        roles=parse_roles([*realm_roles, *client_roles]),
        expires_at=float(claims["exp"]) if isinstance(claims.get("exp"), int | float) else None,
    )


def _optional_str(value: object) -> str | None:
    return str(value) if isinstance(value, str) and value else None
