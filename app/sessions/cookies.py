"""The two cookies of browser login. Both are ``__Host-``: Secure, Path=/, no Domain.

The session cookie is an opaque random value (never a token). The login cookie carries the
encrypted PKCE verifier, nonce and state from ``/auth/login`` to ``/auth/callback`` and is
SameSite=Lax so that it comes back on the provider's top-level redirect.
"""

from __future__ import annotations

from starlette.responses import Response

from app.settings import SessionSettings

LOGIN_COOKIE = "__Host-prodvor_login"


def set_session_cookie(response: Response, settings: SessionSettings, value: str) -> None:
    _set(response, settings.cookie_name, value, max_age=settings.absolute_lifetime_s)


def set_login_cookie(response: Response, value: str, *, max_age: int) -> None:
    _set(response, LOGIN_COOKIE, value, max_age=max_age)


def clear_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, path="/", secure=True, httponly=True, samesite="lax")


def clearing_header(name: str) -> tuple[bytes, bytes]:
    """A raw ``Set-Cookie`` header that removes the cookie, for middleware."""
    response = Response()
    clear_cookie(response, name)
    return next((key, value) for key, value in response.raw_headers if key == b"set-cookie")


def _set(response: Response, name: str, value: str, *, max_age: int) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path="/", secure=True, httponly=True, samesite="lax"
    )
