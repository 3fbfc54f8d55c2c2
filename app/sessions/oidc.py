"""The BFF as an OpenID Connect relying party (authlib), with our own token validation.

authlib builds the authorization request (PKCE S256, ``state``, ``nonce``), exchanges codes,
refreshes and revokes tokens, and builds RP-initiated logout URLs. ID tokens and back-channel
logout tokens are validated by our ``TokenValidator`` (joserfc, the issuer's keys through the
same rate-limited key provider as bearer tokens, no symmetric or ``none`` algorithms).
"""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import structlog
from authlib.deprecate import AuthlibDeprecationWarning
from authlib.integrations.base_client import OAuthError

from app.auth.errors import InvalidTokenError
from app.auth.tokens import TokenValidator

with warnings.catch_warnings():
    # authlib 1.9 announces that it will move from httpx to httpx2; until it does, its httpx
    # clients work as before, and the project uses httpx everywhere else.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.httpx_client import AsyncOAuth2Client
    from authlib.integrations.starlette_client import OAuth

log = structlog.get_logger(__name__)

BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout"


class ProviderRejectedError(Exception):
    """The provider answered with an OAuth error (``invalid_grant``: code or token spent)."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


class ProviderUnavailableError(Exception):
    """The provider could not be reached or answered with a server error."""


@dataclass(frozen=True, slots=True)
class AuthorizationRequest:
    url: str
    state: str
    nonce: str
    code_verifier: str


@dataclass(frozen=True, slots=True)
class TokenSet:
    access_token: str
    refresh_token: str | None
    id_token: str | None
    expires_in: int

    @classmethod
    def from_response(cls, token: dict[str, Any]) -> TokenSet:
        return cls(
            access_token=str(token["access_token"]),
            refresh_token=token.get("refresh_token"),
            id_token=token.get("id_token"),
            expires_in=int(token.get("expires_in") or 0),
        )


@dataclass(frozen=True, slots=True)
class LogoutToken:
    subject: str | None
    provider_sid: str | None


class OidcClient:
    def __init__(
        self,
        *,
        issuer: str,
        client_id: str,
        client_secret: str,
        scope: str,
        redirect_uri: str,
        tokens: TokenValidator,
        timeout_s: float,
    ) -> None:
        self.client_id = client_id
        self._client_secret = client_secret
        self.redirect_uri = redirect_uri
        self._timeout_s = timeout_s
        self._client_tokens = tokens.for_audience(client_id)
        self._app: Any = OAuth().register(
            "prodvor",
            client_id=client_id,
            client_secret=client_secret,
            server_metadata_url=f"{issuer.rstrip('/')}/.well-known/openid-configuration",
            client_kwargs={"scope": scope, "code_challenge_method": "S256", "timeout": timeout_s},
        )

    @property
    def issuer(self) -> str:
        return self._client_tokens.issuer

    async def authorization_request(self) -> AuthorizationRequest:
        async with _provider_call():
            rv = await self._app.create_authorization_url(self.redirect_uri)
        return AuthorizationRequest(
            url=rv["url"], state=rv["state"], nonce=rv["nonce"], code_verifier=rv["code_verifier"]
        )

    async def exchange_code(self, code: str, code_verifier: str) -> TokenSet:
        async with _provider_call():
            token = await self._app.fetch_access_token(
                redirect_uri=self.redirect_uri, code=code, code_verifier=code_verifier
            )
            return TokenSet.from_response(token)

    async def refresh(self, refresh_token: str) -> TokenSet:
        async with _provider_call():
            endpoint = (await self._app.load_server_metadata())["token_endpoint"]
            async with self._oauth_client() as client:
                token = await client.refresh_token(endpoint, refresh_token=refresh_token)
            return TokenSet.from_response(token)

    async def revoke(self, refresh_token: str) -> None:
        """Best effort: the session is already gone here, so a failure is only logged."""
        try:
            async with _provider_call():
                endpoint = (await self._app.load_server_metadata()).get("revocation_endpoint")
                if endpoint is None:
                    return
                async with self._oauth_client() as client:
                    response = await client.revoke_token(
                        endpoint, token=refresh_token, token_type_hint="refresh_token"
                    )
                    response.raise_for_status()
        except (ProviderRejectedError, ProviderUnavailableError, httpx.HTTPError) as exc:
            log.warning("oidc.revocation_failed", error=str(exc))

    async def logout_url(self, id_token: str | None, post_logout_redirect_uri: str) -> str | None:
        """Where the browser goes to end its session at the provider (RP-initiated logout)."""
        async with _provider_call():
            metadata = await self._app.load_server_metadata()
        if "end_session_endpoint" not in metadata:
            return None
        result = await self._app.create_logout_url(
            post_logout_redirect_uri=post_logout_redirect_uri,
            id_token_hint=id_token,
            client_id=self.client_id,
        )
        return str(result["url"])

    async def validate_id_token(self, id_token: str, *, nonce: str) -> dict[str, Any]:
        claims = await self._client_tokens.decode(id_token)
        if claims.get("nonce") != nonce:
            raise InvalidTokenError("ID token nonce does not match the login request")
        azp = claims.get("azp")
        if azp is not None and azp != self.client_id:
            raise InvalidTokenError("ID token was issued to another client")
        return claims

    async def validate_logout_token(self, token: str) -> LogoutToken:
        """OpenID Connect Back-Channel Logout 1.0, section 2.6."""
        claims = await self._client_tokens.decode(token, subject_required=False)
        events = claims.get("events")
        if not isinstance(events, dict) or not isinstance(
            events.get(BACKCHANNEL_LOGOUT_EVENT), dict
        ):
            raise InvalidTokenError("not a back-channel logout token")
        if "nonce" in claims:
            raise InvalidTokenError("logout tokens carry no nonce")
        subject, sid = claims.get("sub"), claims.get("sid")
        if not isinstance(subject, str) and not isinstance(sid, str):
            raise InvalidTokenError("logout token names neither a subject nor a session")
        return LogoutToken(
            subject=subject if isinstance(subject, str) else None,
            provider_sid=sid if isinstance(sid, str) else None,
        )

    def _oauth_client(self) -> Any:
        return AsyncOAuth2Client(
            client_id=self.client_id, client_secret=self._client_secret, timeout=self._timeout_s
        )


@asynccontextmanager
async def _provider_call() -> AsyncIterator[None]:
    """Map authlib's and httpx's failures to the two outcomes callers act on."""
    try:
        yield
    except OAuthError as exc:
        raise ProviderRejectedError(str(exc.error)) from exc
    except (httpx.HTTPError, KeyError, ValueError) as exc:
        raise ProviderUnavailableError(f"{type(exc).__name__}: {exc}") from exc
