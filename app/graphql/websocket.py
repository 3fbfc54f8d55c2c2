"""graphql-transport-ws with a server-side keep-alive and account watch.

Strawberry answers the client's pings but never pings itself, so a peer that vanished without
a close frame would keep its operations forever. The server pings every interval; a socket
that has sent nothing since the previous ping is closed with 1001 (the client reconnects).

A signed-in connection listens on its user's account channel of the real-time hub: when the
user is banned (``moderation.user_banned`` reaches every replica's hub) the socket is closed
with 4403, and reconnecting fails because authentication refuses banned users.
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
from app.moderation.events import account_channel

KEEPALIVE_CLOSE_CODE = 1001
BANNED_CLOSE_CODE = 4403


class TransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.heard_since_ping = True
        self.keepalive_task: asyncio.Task[None] | None = None
        self.account_task: asyncio.Task[None] | None = None

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

    async def handle_connection_init(self, message: Any) -> None:
        await super().handle_connection_init(message)
        principal = self.context.principal
        if self.connection_acknowledged and principal is not None and self.account_task is None:
            channel = account_channel(principal.user_id)
            self.account_task = asyncio.create_task(self.watch_account(channel))

    async def watch_account(self, channel: str) -> None:
        with contextlib.suppress(WebSocketDisconnected):
            async with self.context.container.hub.watch(channel) as subscription:
                async for _ in subscription:
                    await self.websocket.close(BANNED_CLOSE_CODE, "Account banned")
                    return

    async def handle_message(self, message: Message) -> None:
        self.heard_since_ping = True
        await super().handle_message(message)

    async def shutdown(self) -> None:
        for task in (self.keepalive_task, self.account_task):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await super().shutdown()
