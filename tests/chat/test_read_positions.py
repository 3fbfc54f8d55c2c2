"""markChatRead and unread counts: others' live messages after one's read position."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.chat.events import ChatRead
from app.chat.models import Chat, ChatMessage
from app.users.models import User
from tests.chat.helpers import chat_events, read_position, snapshot
from tests.factories import create_chat, create_message, create_user
from tests.fixtures.app import GQL, TestClock

MARK = """
mutation Mark($input: MarkChatReadInput!) {
  markChatRead(input: $input) {
    __typename
    ... on MarkChatReadPayload { chat { id unreadCount } }
    ... on ValidationFailed { fields { path code } }
    ... on UserError { code }
  }
}
"""

UNREAD = "query($id: ID!) { chat(id: $id) { unreadCount } }"


def mark(chat: Chat, message: ChatMessage) -> dict[str, object]:
    return {"input": {"chatId": str(chat.id), "messageId": str(message.id)}}


async def unread(gql: GQL, chat: Chat, user: User) -> int:
    response = await gql(UNREAD, {"id": str(chat.id)}, as_user=user)
    return int(response.data["chat"]["unreadCount"])


async def test_unread_counts_others_messages_that_are_not_deleted(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    alice, boris = await create_user(session), await create_user(session)
    chat = await create_chat(session, members=[alice, boris])
    for _ in range(3):
        await create_message(session, chat=chat, sender=boris)
    await create_message(session, chat=chat, sender=alice)
    await create_message(session, chat=chat, sender=boris, deleted_at=clock.now())

    assert await unread(gql, chat, alice) == 3
    assert await unread(gql, chat, boris) == 1


async def test_marking_read_moves_the_position_forward_only(
    gql: GQL, session: AsyncSession
) -> None:
    alice, boris = await create_user(session), await create_user(session)
    chat = await create_chat(session, members=[alice, boris])
    first, second, third = [await create_message(session, chat=chat, sender=boris) for _ in "123"]

    forward = await gql(MARK, mark(chat, second), as_user=alice)
    back = await gql(MARK, mark(chat, first), as_user=alice)

    assert forward.data["markChatRead"]["chat"] == {"id": str(chat.id), "unreadCount": 1}
    assert back.data["markChatRead"]["chat"]["unreadCount"] == 1
    assert await read_position(session, chat, alice) == second.seq
    assert await chat_events(session) == [ChatRead(chat_id=chat.id, user_id=alice.id, seq=2)]
    assert ChatRead(chat_id=chat.id, user_id=alice.id, seq=2).channels() == [
        f"chat-activity:{alice.id}"
    ]
    await gql(MARK, mark(chat, third), as_user=alice)
    assert await unread(gql, chat, alice) == 0


async def test_the_message_must_belong_to_the_chat(gql: GQL, session: AsyncSession) -> None:
    alice = await create_user(session)
    chat = await create_chat(session, members=[alice])
    other = await create_message(
        session, chat=await create_chat(session, members=[alice]), sender=alice
    )
    before = await snapshot(session)

    stray = await gql(MARK, mark(chat, other), as_user=alice)
    malformed = await gql(
        MARK, {"input": {"chatId": str(chat.id), "messageId": "x"}}, as_user=alice
    )

    for response in (stray, malformed):
        assert response.data["markChatRead"]["fields"] == [
            {"path": "messageId", "code": "NOT_FOUND"}
        ]
    assert await snapshot(session) == before


async def test_outsiders_cannot_mark_a_chat(gql: GQL, session: AsyncSession) -> None:
    alice = await create_user(session)
    chat = await create_chat(session, members=[alice])
    message = await create_message(session, chat=chat, sender=alice)
    stranger = await create_user(session)
    before = await snapshot(session)

    response = await gql(MARK, mark(chat, message), as_user=stranger)

    assert response.data["markChatRead"]["__typename"] == "NotFound"
    assert await snapshot(session) == before
