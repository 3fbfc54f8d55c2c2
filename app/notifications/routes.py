"""``/notifications/unsubscribe``: the link in every notification email, no login needed.

``GET`` only shows a page with a button, because mail scanners and link previews fetch
links on their own; ``POST`` unsubscribes. Mail clients that support RFC 8058 POST
``List-Unsubscribe=One-Click`` to the same URL, so the token may come in the query or the form.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from app.container import Container
from app.notifications import unsubscribe
from app.notifications.catalogue import CATALOGUE
from app.notifications.errors import InvalidUnsubscribeLinkError
from app.notifications.mail import SETTINGS_ROUTE, templates

MAX_FORM_BYTES = 4_096
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
}


def routes(container: Container) -> list[Route]:
    endpoint = UnsubscribeEndpoint(container)
    return [Route(unsubscribe.PATH, endpoint.handle, methods=["GET", "POST"])]


class UnsubscribeEndpoint:
    def __init__(self, container: Container) -> None:
        self.container = container
        self.key = unsubscribe.signing_key(container.settings)

    async def handle(self, request: Request) -> Response:
        token = request.query_params.get("token") or await _form_token(request)
        try:
            user_id, kind = unsubscribe.read_token(self.key, token or "")
        except InvalidUnsubscribeLinkError as exc:
            return self._page(400, "Ссылка недействительна", exc.message + ".")
        label = CATALOGUE[kind].label
        if request.method == "GET":
            text = f"Больше не присылать письма «{label}»? Уведомления в приложении останутся."
            return self._page(200, "Отписаться от писем", text, token=token)
        async with self.container.db.transaction() as session:
            try:
                await unsubscribe.unsubscribe(
                    session, user_id, kind, now=self.container.clock.now()
                )
            except InvalidUnsubscribeLinkError as exc:
                return self._page(400, "Ссылка недействительна", exc.message + ".")
        text = f"Письма «{label}» больше не придут. Включить их снова можно в настройках."
        return self._page(200, "Вы отписались", text)

    def _page(self, status: int, heading: str, text: str, *, token: str | None = None) -> Response:
        frontend = self.container.settings.notifications.frontend_url.rstrip("/")
        html = templates.get_template("pages/unsubscribe.html.j2").render(
            heading=heading,
            text=text,
            token=token,
            action=unsubscribe.PATH,
            settings_url=frontend + SETTINGS_ROUTE,
        )
        return HTMLResponse(html, status_code=status, headers=HEADERS)


async def _form_token(request: Request) -> str | None:
    if request.method != "POST":
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return None
    values = parse_qs(body.decode("utf-8", "replace")).get("token")
    return values[0] if values else None
