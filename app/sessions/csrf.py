"""Cross-site request forgery defences for cookie-authenticated requests.

A cookie travels with every request the browser makes to us, including ones a hostile page
triggers. So a cookie-authenticated POST must also prove it comes from our frontend: its
``Origin`` is the frontend's (browsers always send it on POST and on WebSocket upgrades) and
it carries ``X-CSRF-Token``, which only a script that read ``GET /auth/session`` can know.
Bearer-authenticated requests need neither: browsers never attach bearer tokens by themselves.
"""

from __future__ import annotations

from enum import StrEnum
from urllib.parse import urlsplit

from starlette.datastructures import Headers

from app.sessions.browser import BrowserAuth

CSRF_HEADER = "x-csrf-token"
CSRF_MESSAGE = "Запрос отклонён: нет CSRF-токена или он не подходит, либо чужой источник"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfFailure(StrEnum):
    ORIGIN = "ORIGIN"
    CSRF_TOKEN = "CSRF_TOKEN"


def origin_allowed(headers: Headers, browser: BrowserAuth) -> bool:
    origin = headers.get("origin")
    return origin is not None and origin_of(origin) == origin_of(browser.settings.frontend_origin)


def check_unsafe_request(
    headers: Headers, cookie_value: str, browser: BrowserAuth
) -> CsrfFailure | None:
    if not origin_allowed(headers, browser):
        return CsrfFailure.ORIGIN
    if not browser.crypto.csrf_matches(cookie_value, headers.get(CSRF_HEADER)):
        return CsrfFailure.CSRF_TOKEN
    return None


def origin_of(url: str) -> str:
    """``scheme://host[:port]``, lower-cased, as browsers write the ``Origin`` header."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
