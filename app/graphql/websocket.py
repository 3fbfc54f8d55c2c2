"""graphql-transport-ws with a server-side keep-alive.

Strawberry answers the client's pings but never pings itself, so a peer that vanished without
a close frame would keep its operations forever. The server pings every interval; a socket
that has sent nothing since the previous ping is closed with 1001 (the client reconnects).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import Message

from app.graphql.context import Context

KEEPALIVE_CLOSE_CODE = 1001


class TransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.heard_since_ping = True
        self.keepalive_task: asyncio.Task[None] | None = None

    def on_request_accepted(self) -> None:
        super().on_request_accepted()
        interval = float(getattr(self.view, "ws_keepalive_interval_s", 0))
        if interval > 0:
            self.keepalive_task = asyncio.create_task(self.keep_alive(interval))

    async def keep_alive(self, interval: float) -> None:
        with contextlib.suppress(WebSocketDisconnected):
            while True:
                await asyncio.sleep(interval)
                if not self.heard_since_ping:
                    await self.websocket.close(KEEPALIVE_CLOSE_CODE, "Keep-alive timeout")
                    return
                self.heard_since_ping = False
                await self.send_message({"type": "ping"})

    async def handle_message(self, message: Message) -> None:
        self.heard_since_ping = True
        await super().handle_message(message)

    async def shutdown(self) -> None:
        if self.keepalive_task is not None:
            self.keepalive_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.keepalive_task
        await super().shutdown()
