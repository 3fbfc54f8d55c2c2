"""editChatMessage and deleteChatMessage: one's own messages only; deletion leaves a tombstone."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.chat.events import ChatMessageDeleted, ChatMessageEdited
from app.chat.models import ChatMessage
from tests.chat.helpers import chat_events, fresh, snapshot
from tests.factories import create_chat, create_message, create_user
from tests.fixtures.app import GQL, TestClock

EDIT = """
mutation Edit($input: EditChatMessageInput!) {
  editChatMessage(input: $input) {
    __typename
    ... on EditChatMessagePayload { chatMessage { id text editedAt deletedAt } }
    ... on ValidationFailed { fields { path code } }
    ... on UserError { code }
  }
}
"""

DELETE = """
mutation Delete($input: DeleteChatMessageInput!) {
  deleteChatMessage(input: $input) {
    __typename
    ... on DeleteChatMessagePayload { chatMessage { id text deletedAt author { id } } }
    ... on UserError { code }
  }
}
"""


def edit(message: ChatMessage, text: str) -> dict[str, object]:
    return {"input": {"messageId": str(message.id), "text": text}}


def delete(message: ChatMessage) -> dict[str, object]:
    return {"input": {"messageId": str(message.id)}}


async def test_the_author_edits_a_message(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    alice, boris = await create_user(session), await create_user(session)
    chat = await create_chat(session, members=[alice, boris])
    message = await create_message(session, chat=chat, sender=alice, text="Игра в 18:00")

    response = await gql(EDIT, edit(message, " Игра в 19:00 "), as_user=alice)

    assert response.data["editChatMessage"] == {
        "__typename": "EditChatMessagePayload",
        "chatMessage": {
            "id": str(message.id),
            "text": "Игра в 19:00",
            "editedAt": clock.now().isoformat(),
            "deletedAt": None,
        },
    }
    assert (await fresh(session, ChatMessage, message.id)).text == "Игра в 19:00"
    assert await chat_events(session) == [
        ChatMessageEdited(
            chat_id=chat.id,
            member_ids=sorted([alice.id, boris.id]),
            message_id=message.id,
            seq=1,
            sender_id=alice.id,
        )
    ]


async def test_an_unchanged_text_is_no_edit(gql: GQL, session: AsyncSession) -> None:
    alice = await create_user(session)
    message = await create_message(
        session, chat=await create_chat(session, members=[alice]), sender=alice, text="Без правок"
    )
    before = await snapshot(session)

    response = await gql(EDIT, edit(message, "Без правок  "), as_user=alice)

    assert response.data["editChatMessage"]["chatMessage"]["editedAt"] is None
    assert await snapshot(session) == before


async def test_only_the_author_may_change_a_message(gql: GQL, session: AsyncSession) -> None:
    alice, boris = await create_user(session), await create_user(session)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    chat = await create_chat(session, members=[alice, boris, moderator])
    message = await create_message(session, chat=chat, sender=alice)
    before = await snapshot(session)

    for other in (boris, moderator):
        edited = await gql(EDIT, edit(message, "Чужая правка"), as_user=other)
        deleted = await gql(DELETE, delete(message), as_user=other)
        assert edited.error_codes == deleted.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before


async def test_outsiders_do_not_see_the_message(gql: GQL, session: AsyncSession) -> None:
    alice = await create_user(session)
    message = await create_message(
        session, chat=await create_chat(session, members=[alice]), sender=alice
    )
    stranger = await create_user(session)
    before = await snapshot(session)

    edited = await gql(EDIT, edit(message, "Взлом"), as_user=stranger)
    deleted = await gql(DELETE, delete(message), as_user=stranger)
    malformed = await gql(DELETE, {"input": {"messageId": "nope"}}, as_user=alice)

    assert edited.data["editChatMessage"]["__typename"] == "NotFound"
    assert deleted.data["deleteChatMessage"]["__typename"] == "NotFound"
    assert malformed.data["deleteChatMessage"]["__typename"] == "NotFound"
    assert await snapshot(session) == before


async def test_an_edit_is_validated_like_a_new_message(gql: GQL, session: AsyncSession) -> None:
    alice = await create_user(session)
    message = await create_message(
        session, chat=await create_chat(session, members=[alice]), sender=alice
    )
    before = await snapshot(session)

    empty = await gql(EDIT, edit(message, "  "), as_user=alice)
    long = await gql(EDIT, edit(message, "x" * 2001), as_user=alice)

    assert empty.data["editChatMessage"]["fields"] == [{"path": "text", "code": "REQUIRED"}]
    assert long.data["editChatMessage"]["fields"] == [{"path": "text", "code": "TOO_LONG"}]
    assert await snapshot(session) == before


async def test_deleting_leaves_a_tombstone(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    alice, boris = await create_user(session), await create_user(session)
    chat = await create_chat(session, members=[alice, boris])
    message = await create_message(session, chat=chat, sender=alice, text="Ой")
    reply = await create_message(session, chat=chat, sender=boris, reply_to=message)

    response = await gql(DELETE, delete(message), as_user=alice)
    again = await gql(DELETE, delete(message), as_user=alice)

    tombstone = {
        "id": str(message.id),
        "text": None,
        "deletedAt": clock.now().isoformat(),
        "author": {"id": str(alice.id)},
    }
    assert response.data["deleteChatMessage"]["chatMessage"] == tombstone
    assert again.data["deleteChatMessage"]["chatMessage"] == tombstone, "deleting is idempotent"
    assert (await fresh(session, ChatMessage, reply.id)).reply_to_seq == message.seq
    assert [type(event) for event in await chat_events(session)] == [ChatMessageDeleted]


async def test_a_deleted_message_cannot_be_edited(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    alice = await create_user(session)
    chat = await create_chat(session, members=[alice])
    message = await create_message(session, chat=chat, sender=alice, deleted_at=clock.now())
    before = await snapshot(session)

    response = await gql(EDIT, edit(message, "Воскрешение"), as_user=alice)

    assert response.data["editChatMessage"] == {
        "__typename": "ChatMessageDeleted",
        "code": "CHAT_MESSAGE_DELETED",
    }
    assert await snapshot(session) == before


async def test_a_closed_chat_is_read_only(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    alice = await create_user(session)
    chat = await create_chat(session, members=[alice])
    message = await create_message(session, chat=chat, sender=alice)
    chat.closed_at = clock.now()
    await session.flush()
    before = await snapshot(session)

    edited = await gql(EDIT, edit(message, "Поздно"), as_user=alice)
    deleted = await gql(DELETE, delete(message), as_user=alice)

    assert edited.data["editChatMessage"]["code"] == "CHAT_CLOSED"
    assert deleted.data["deleteChatMessage"]["code"] == "CHAT_CLOSED"
    assert await snapshot(session) == before
