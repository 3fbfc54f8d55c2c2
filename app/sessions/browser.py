"""What browser login needs besides the container: the provider client, keys and settings."""

from __future__ import annotations

from dataclasses import dataclass

from app.auth.tokens import TokenValidator
from app.sessions.crypto import SessionCrypto
from app.sessions.oidc import OidcClient
from app.settings import SessionSettings, Settings

CALLBACK_PATH = "/auth/callback"


@dataclass(frozen=True, slots=True)
class BrowserAuth:
    oidc: OidcClient
    crypto: SessionCrypto
    settings: SessionSettings

    @classmethod
    def from_settings(cls, settings: Settings, tokens: TokenValidator) -> BrowserAuth | None:
        """``None`` unless browser login is configured (``SESSION_ENCRYPTION_KEY`` and secret)."""
        session = settings.session
        if not session.enabled:
            return None
        if not settings.auth.issuer:
            raise RuntimeError("browser login needs AUTH_ISSUER (an OIDC provider with a login)")
        if session.client_id == settings.auth.audience:
            raise RuntimeError(
                "SESSION_CLIENT_ID must differ from AUTH_AUDIENCE, or ID tokens (addressed to "
                "the client) would pass as access tokens (addressed to the audience)"
            )
        oidc = OidcClient(
            issuer=settings.auth.issuer,
            client_id=session.client_id,
            client_secret=session.client_secret.get_secret_value(),
            scope=session.scope,
            redirect_uri=settings.auth.public_url.rstrip("/") + CALLBACK_PATH,
            tokens=tokens,
            timeout_s=settings.auth.http_timeout_s,
        )
        crypto = SessionCrypto(session.encryption_key.get_secret_value())
        return cls(oidc=oidc, crypto=crypto, settings=session)
