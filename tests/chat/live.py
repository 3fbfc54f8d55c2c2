"""A live chat server for WebSocket tests: real uvicorn, the events runtime with its hub."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select

from app.auth.dev_issuer import DevIssuer
from app.container import Container
from app.db import Database
from app.events.envelope import Envelope
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.main import create_app
from app.users.models import User
from tests.fixtures.app import TestClock, make_container, token_for
from tests.fixtures.ws import GraphQLWebSocket, connect

MESSAGES = """
subscription Messages($chatId: ID!, $after: ID) {
  chatMessageAdded(chatId: $chatId, after: $after) { id text author { id } }
}
"""

ACTIVITY = """
subscription {
  chatActivity {
    __typename
    ... on ChatMessageActivity { change chat { id unreadCount } chatMessage: message { id text } }
    ... on ChatTypingActivity { chatId until user { id } }
    ... on ChatReadActivity { chat { id unreadCount } }
    ... on ChatJoinedActivity { chat { id } }
    ... on ChatLeftActivity { chatId }
    ... on ChatClosedActivity { chat { id closedAt } }
  }
}
"""

SEND = """
mutation Send($input: SendChatMessageInput!) {
  sendChatMessage(input: $input) {
    __typename
    ... on SendChatMessagePayload { chatMessage { id } }
  }
}
"""


@dataclass
class LiveChat:
    address: str
    container: Container
    issuer: DevIssuer
    http: httpx.AsyncClient

    @asynccontextmanager
    async def socket(self, user: User) -> AsyncIterator[GraphQLWebSocket]:
        async with connect(self.address) as ws:
            ack = await ws.init({"authorization": f"Bearer {token_for(self.issuer, user)}"})
            assert ack["type"] == "connection_ack", ack
            yield ws

    async def subscribed(self, ws: GraphQLWebSocket, query: str, **variables: Any) -> str:
        """Subscribe and return once the server's hub holds the new subscription."""
        before = self.container.hub.subscriber_count
        operation = await ws.subscribe(query, variables)
        await until(lambda: self.container.hub.subscriber_count > before)
        return operation

    async def send(self, user: User, chat_id: uuid.UUID, text: str) -> str:
        variables = {
            "input": {"chatId": str(chat_id), "text": text, "clientMessageId": uuid.uuid4().hex}
        }
        result = await self.post(SEND, variables, user)
        assert result["sendChatMessage"]["__typename"] == "SendChatMessagePayload", result
        return str(result["sendChatMessage"]["chatMessage"]["id"])

    async def post(self, query: str, variables: dict[str, Any], user: User) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token_for(self.issuer, user)}"}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        payload = response.json()
        assert "errors" not in payload, payload
        data: dict[str, Any] = payload["data"]
        return data


async def until(condition: Callable[[], bool], within: float = 10.0) -> None:
    """Wait for ``condition``; the deadline only stops a broken test from hanging."""
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.01)


async def texts(ws: GraphQLWebSocket, operation: str, count: int) -> list[str]:
    received = []
    for _ in range(count):
        message = await ws.next_payload(operation)
        assert message["type"] == "next", message
        received.append(message["payload"]["data"]["chatMessageAdded"]["text"])
    return received


async def posted_envelopes(db: Database, message_ids: list[str]) -> list[Envelope]:
    """The ``chat.message_posted`` events of these messages, as the stream carries them."""
    async with db.session() as session:
        rows = (
            await session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.type == "chat.message_posted")
                .order_by(OutboxEvent.seq)
            )
        ).all()
    by_message = {row.payload["message_id"]: to_envelope(row) for row in rows}
    return [by_message[message_id] for message_id in message_ids]


@asynccontextmanager
async def live_chat(
    settings: Any,
    db: Database,
    issuer: DevIssuer,
    clock: TestClock,
    start: Callable[[Any], Awaitable[str]],
    *,
    relay: bool = True,
    workers: bool = True,
    hub: bool = True,
) -> AsyncIterator[LiveChat]:
    """An app instance; its events runtime runs the parts asked for (none: fed by hand)."""
    container = make_container(settings, db, issuer, clock)
    app = create_app(container=container)
    await container.events.start(relay=relay, workers=workers, hub=hub)
    if hub:
        await asyncio.wait_for(container.events.hub_ready.wait(), 30)
    try:
        address = await start(app)
        async with httpx.AsyncClient(base_url=f"http://{address}") as http:
            yield LiveChat(address, container, issuer, http)
    finally:
        await container.events.stop()
