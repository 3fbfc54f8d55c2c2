"""Racing senders against a really committing database: one order per chat, one message per
client id, one DIRECT chat per pair."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.auth.dev_issuer import DevIssuer
from app.chat.models import Chat, ChatKind, ChatMessage
from app.db import Database
from app.events.models import OutboxEvent
from app.users.models import User
from tests.factories import create_chat, create_user
from tests.fixtures.app import AppFactory, token_for
from tests.fixtures.configured import configured_settings

SEND = """
mutation Send($input: SendChatMessageInput!) {
  sendChatMessage(input: $input) {
    __typename
    ... on SendChatMessagePayload { chatMessage { id } chat { id } }
  }
}
"""


class Sender:
    def __init__(self, client: httpx.AsyncClient, issuer: DevIssuer) -> None:
        self.client = client
        self.issuer = issuer

    async def __call__(self, user: User, **fields: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token_for(self.issuer, user)}"}
        body = {"query": SEND, "variables": {"input": fields}}
        payload = (await self.client.post("/graphql", json=body, headers=headers)).json()
        assert "errors" not in payload, payload
        result: dict[str, Any] = payload["data"]["sendChatMessage"]
        assert result["__typename"] == "SendChatMessagePayload", result
        return result


@pytest.fixture
async def send(
    committed_database: Database, app_factory: AppFactory, dev_issuer: DevIssuer
) -> AsyncIterator[Sender]:
    app = app_factory(committed_database)
    container = app.state.container
    container.settings = configured_settings(container.settings, rate_limit={"enabled": False})
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        yield Sender(http, dev_issuer)


async def test_concurrent_senders_get_one_order_everywhere(
    committed_database: Database, send: Sender
) -> None:
    async with committed_database.transaction() as session:
        members = [await create_user(session) for _ in range(4)]
        chat = await create_chat(session, members=members)

    sent = await asyncio.gather(
        *[
            send(member, chatId=str(chat.id), text=f"{n}", clientMessageId=f"{member.id}-{n}")
            for n in range(5)
            for member in members
        ]
    )

    async with committed_database.session() as session:
        stored = (
            await session.scalars(
                select(ChatMessage).where(ChatMessage.chat_id == chat.id).order_by(ChatMessage.seq)
            )
        ).all()
        outbox = (
            await session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.key == str(chat.id), OutboxEvent.type == "chat.message_posted")
                .order_by(OutboxEvent.seq)
            )
        ).all()
        last_seq = await session.scalar(select(Chat.last_seq).where(Chat.id == chat.id))
    assert [m.seq for m in stored] == list(range(1, 21)), "numbered without gaps or repeats"
    assert last_seq == 20
    assert [row.payload["message_id"] for row in outbox] == [str(m.id) for m in stored]
    assert [row.payload["seq"] for row in outbox] == list(range(1, 21))
    assert {r["chatMessage"]["id"] for r in sent} == {str(m.id) for m in stored}
    for member in members:
        mine = [int(m.text or "") for m in stored if m.sender_id == member.id]
        assert sorted(mine) == list(range(5))


async def test_concurrent_retries_store_one_message(
    committed_database: Database, send: Sender
) -> None:
    async with committed_database.transaction() as session:
        alice = await create_user(session)
        chat = await create_chat(session, members=[alice])
    fields = {"chatId": str(chat.id), "text": "Один раз", "clientMessageId": uuid.uuid4().hex}

    results = await asyncio.gather(*[send(alice, **fields) for _ in range(6)])

    assert len({r["chatMessage"]["id"] for r in results}) == 1
    async with committed_database.session() as session:
        count = select(func.count()).select_from(ChatMessage).where(ChatMessage.chat_id == chat.id)
        assert await session.scalar(count) == 1


async def test_two_people_writing_first_at_once_share_one_chat(
    committed_database: Database, send: Sender
) -> None:
    async with committed_database.transaction() as session:
        alice, boris = await create_user(session), await create_user(session)

    first, second = await asyncio.gather(
        send(alice, recipientId=str(boris.id), text="Привет", clientMessageId="a"),
        send(boris, recipientId=str(alice.id), text="Привет", clientMessageId="b"),
    )

    assert first["chat"]["id"] == second["chat"]["id"]
    async with committed_database.session() as session:
        direct = select(func.count()).select_from(Chat).where(Chat.kind == ChatKind.DIRECT)
        assert await session.scalar(direct) == 1
