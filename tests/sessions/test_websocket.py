"""WebSockets authenticated by the session cookie: the upgrade must come from the frontend."""

from __future__ import annotations

import pytest

from app.db import Database
from tests.fixtures.browser import SESSION_COOKIE, Browser, BrowserAppFactory
from tests.fixtures.live import LiveServer
from tests.fixtures.oidc import BFF_ORIGIN
from tests.fixtures.ws import connect

ME = "query { me { displayName } }"


async def signed_in_cookie(
    app_factory: BrowserAppFactory, database: Database
) -> tuple[str, object]:
    app = app_factory(db=database)
    async with Browser.open(app) as browser:
        await browser.login("user-alice")
        cookie = browser.session_cookie
    assert cookie is not None
    return f"{SESSION_COOKIE}={cookie}", app


async def test_the_session_cookie_authenticates_a_websocket_from_the_frontend(
    browser_app_factory: BrowserAppFactory,
    committed_database: Database,
    live_server: LiveServer,
) -> None:
    cookie, app = await signed_in_cookie(browser_app_factory, committed_database)
    address = await live_server(app)

    async with connect(address, cookie=cookie, origin=BFF_ORIGIN) as ws:
        assert (await ws.init())["type"] == "connection_ack"
        message = await ws.next_payload(await ws.subscribe(ME))

    assert message["payload"]["data"] == {"me": {"displayName": "Алиса Тестова"}}


@pytest.mark.parametrize("origin", ["https://evil.example", None])
async def test_a_websocket_with_the_cookie_from_elsewhere_is_refused(
    browser_app_factory: BrowserAppFactory,
    committed_database: Database,
    live_server: LiveServer,
    origin: str | None,
) -> None:
    """Browsers send cookies on cross-site WebSocket upgrades; only Origin tells them apart."""
    cookie, app = await signed_in_cookie(browser_app_factory, committed_database)
    address = await live_server(app)
    headers = {"cookie": cookie} | ({"origin": origin} if origin else {})

    with pytest.raises(Exception) as refused:  # noqa: PT011 - httpx-ws raises on a refused handshake
        async with connect(address, **headers):
            pass

    assert "403" in str(refused.value)
