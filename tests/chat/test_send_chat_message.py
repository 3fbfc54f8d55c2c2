"""sendChatMessage: to a chat, or directly to a user (opening the DIRECT chat)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.chat.events import ChatMessagePosted, ChatOpened
from app.chat.models import Chat, ChatKind
from app.users.models import Audience
from tests.chat.helpers import chat_events, fresh, messages_of, read_position, snapshot
from tests.factories import create_chat, create_message, create_user
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.configured import Configure

SEND = """
mutation Send($input: SendChatMessageInput!) {
  sendChatMessage(input: $input) {
    __typename
    ... on SendChatMessagePayload {
      chatMessage { id chatId text clientMessageId author { id } replyTo { id text } }
      chat { id kind lastMessage { id } unreadCount }
    }
    ... on ValidationFailed { fields { path code } }
    ... on RateLimited { retryAfter }
    ... on UserError { code message }
  }
}
"""


def send_input(chat: Chat | None = None, text: str = "Привет", **extra: Any) -> dict[str, Any]:
    values: dict[str, Any] = {"text": text, "clientMessageId": uuid.uuid4().hex}
    if chat is not None:
        values["chatId"] = str(chat.id)
    return {"input": {**values, **extra}}


async def test_a_member_posts_to_the_chat(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    alice, boris = await create_user(session), await create_user(session)
    chat = await create_chat(session, members=[alice, boris])
    await create_message(session, chat=chat, sender=boris)

    response = await gql(SEND, send_input(chat, "  Играем в субботу?  "), as_user=alice)

    result = response.data["sendChatMessage"]
    assert result["__typename"] == "SendChatMessagePayload"
    message = result["chatMessage"]
    assert (message["text"], message["author"], message["chatId"]) == (
        "Играем в субботу?",
        {"id": str(alice.id)},
        str(chat.id),
    )
    assert result["chat"] == {
        "id": str(chat.id),
        "kind": "TEAM",
        "lastMessage": {"id": message["id"]},
        "unreadCount": 0,
    }
    stored = await messages_of(session, chat)
    assert [(m.seq, m.text) for m in stored] == [(1, "Сообщение 1"), (2, "Играем в субботу?")]
    assert (await fresh(session, Chat, chat.id)).last_activity_at == clock.now()
    assert await read_position(session, chat, alice) == 2, "one's own message counts as read"
    [event] = await chat_events(session)
    assert event == ChatMessagePosted(
        chat_id=chat.id,
        member_ids=sorted([alice.id, boris.id]),
        message_id=uuid.UUID(message["id"]),
        seq=2,
        sender_id=alice.id,
    )
    assert sorted(event.channels()) == sorted(
        [f"chat:{chat.id}", f"chat-activity:{alice.id}", f"chat-activity:{boris.id}"]
    )


async def test_a_retry_with_the_same_client_id_stores_one_message(
    gql: GQL, session: AsyncSession
) -> None:
    alice, boris = await create_user(session), await create_user(session)
    chat = await create_chat(session, members=[alice, boris])
    variables = send_input(chat, "Один раз")

    first = await gql(SEND, variables, as_user=alice)
    retry = await gql(SEND, variables, as_user=alice)

    assert retry.data == first.data
    assert (
        retry.data["sendChatMessage"]["chatMessage"]["clientMessageId"]
        == (variables["input"]["clientMessageId"])
    )
    assert len(await messages_of(session, chat)) == 1
    assert len(await chat_events(session)) == 1


async def test_a_client_id_used_in_another_chat_is_refused(gql: GQL, session: AsyncSession) -> None:
    alice = await create_user(session)
    first_chat = await create_chat(session, members=[alice])
    second_chat = await create_chat(session, members=[alice])
    variables = send_input(first_chat)
    await gql(SEND, variables, as_user=alice)
    before = await snapshot(session)

    response = await gql(
        SEND, {"input": {**variables["input"], "chatId": str(second_chat.id)}}, as_user=alice
    )

    assert response.data["sendChatMessage"]["fields"] == [
        {"path": "clientMessageId", "code": "DUPLICATE"}
    ]
    assert await snapshot(session) == before


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "REQUIRED"), ("   ", "REQUIRED"), ("я" * 2001, "TOO_LONG")],
)
async def test_text_must_be_one_to_two_thousand_characters(
    gql: GQL, session: AsyncSession, text: str, code: str
) -> None:
    alice = await create_user(session)
    chat = await create_chat(session, members=[alice])
    before = await snapshot(session)

    response = await gql(SEND, send_input(chat, text, clientMessageId=""), as_user=alice)

    assert response.data["sendChatMessage"] == {
        "__typename": "ValidationFailed",
        "fields": [
            {"path": "text", "code": code},
            {"path": "clientMessageId", "code": "REQUIRED"},
        ],
        "code": "VALIDATION_FAILED",
        "message": "Проверьте введённые данные",
    }
    assert await snapshot(session) == before


async def test_two_thousand_characters_after_trimming_are_accepted(
    gql: GQL, session: AsyncSession
) -> None:
    alice = await create_user(session)
    chat = await create_chat(session, members=[alice])

    response = await gql(SEND, send_input(chat, " " + "я" * 2000 + "\n"), as_user=alice)

    assert response.data["sendChatMessage"]["__typename"] == "SendChatMessagePayload"
    assert [m.text for m in await messages_of(session, chat)] == ["я" * 2000]


async def test_a_reply_points_into_the_same_chat(gql: GQL, session: AsyncSession) -> None:
    alice, boris = await create_user(session), await create_user(session)
    chat = await create_chat(session, members=[alice, boris])
    question = await create_message(session, chat=chat, sender=boris, text="Кто придёт?")
    elsewhere = await create_message(
        session, chat=await create_chat(session, members=[alice]), sender=alice
    )

    reply = await gql(SEND, send_input(chat, "Я", replyToId=str(question.id)), as_user=alice)
    stray = await gql(SEND, send_input(chat, "Я", replyToId=str(elsewhere.id)), as_user=alice)
    malformed = await gql(SEND, send_input(chat, "Я", replyToId="42"), as_user=alice)

    assert reply.data["sendChatMessage"]["chatMessage"]["replyTo"] == {
        "id": str(question.id),
        "text": "Кто придёт?",
    }
    for refused in (stray, malformed):
        assert refused.data["sendChatMessage"]["fields"] == [
            {"path": "replyToId", "code": "NOT_FOUND"}
        ]
    assert len(await messages_of(session, chat)) == 2


async def test_outsiders_cannot_post(gql: GQL, session: AsyncSession) -> None:
    chat = await create_chat(session, members=[await create_user(session)])
    stranger = await create_user(session)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    before = await snapshot(session)

    for outsider in (stranger, moderator):
        response = await gql(SEND, send_input(chat), as_user=outsider)
        assert response.data["sendChatMessage"]["__typename"] == "NotFound"
    unknown = await gql(SEND, send_input(text="x", chatId=str(uuid.uuid4())), as_user=stranger)

    assert unknown.data["sendChatMessage"]["__typename"] == "NotFound"
    assert await snapshot(session) == before


async def test_a_closed_chat_takes_no_messages(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    alice = await create_user(session)
    chat = await create_chat(session, members=[alice], closed_at=clock.now())
    before = await snapshot(session)

    response = await gql(SEND, send_input(chat), as_user=alice)

    assert response.data["sendChatMessage"]["code"] == "CHAT_CLOSED"
    assert await snapshot(session) == before


async def test_target_is_exactly_one_of_chat_and_recipient(gql: GQL, session: AsyncSession) -> None:
    alice, boris = await create_user(session), await create_user(session)
    chat = await create_chat(session, members=[alice, boris])

    both = await gql(SEND, send_input(chat, recipientId=str(boris.id)), as_user=alice)
    neither = await gql(SEND, send_input(), as_user=alice)

    for response in (both, neither):
        assert response.data["sendChatMessage"]["fields"] == [
            {"path": "chatId", "code": "REQUIRED"}
        ]


async def test_the_first_direct_message_opens_the_chat(gql: GQL, session: AsyncSession) -> None:
    alice, boris = await create_user(session), await create_user(session)

    first = await gql(SEND, send_input(text="Привет", recipientId=str(boris.id)), as_user=alice)
    answer = await gql(
        SEND, send_input(text="Здравствуй", recipientId=str(alice.id)), as_user=boris
    )

    chat_id = first.data["sendChatMessage"]["chat"]["id"]
    assert first.data["sendChatMessage"]["chat"]["kind"] == "DIRECT"
    assert answer.data["sendChatMessage"]["chat"]["id"] == chat_id
    chat = await fresh(session, Chat, uuid.UUID(chat_id))
    assert [m.text for m in await messages_of(session, chat)] == ["Привет", "Здравствуй"]
    opened, *posted = await chat_events(session)
    assert opened == ChatOpened(
        chat_id=chat.id,
        member_ids=sorted([alice.id, boris.id]),
        kind=ChatKind.DIRECT,
        subject_id=None,
    )
    assert [type(event) for event in posted] == [ChatMessagePosted, ChatMessagePosted]


@pytest.mark.parametrize("audience", [Audience.NOBODY, Audience.FRIENDS])
async def test_who_may_message_me_is_honoured(
    gql: GQL, session: AsyncSession, audience: Audience
) -> None:
    alice = await create_user(session)
    private = await create_user(session, message_permission=audience)
    before = await snapshot(session)

    response = await gql(SEND, send_input(recipientId=str(private.id)), as_user=alice)

    assert response.data["sendChatMessage"] == {
        "__typename": "MessagingNotAllowed",
        "code": "MESSAGING_NOT_ALLOWED",
        "message": "Пользователь не принимает от вас личные сообщения",
    }
    assert await snapshot(session) == before, "no chat is opened"


async def test_a_changed_setting_applies_to_an_existing_direct_chat(
    gql: GQL, session: AsyncSession
) -> None:
    alice, boris = await create_user(session), await create_user(session)
    chat = await create_chat(session, kind=ChatKind.DIRECT, members=[alice, boris])
    boris.message_permission = Audience.NOBODY
    await session.flush()

    to_boris = await gql(SEND, send_input(chat), as_user=alice)
    to_alice = await gql(SEND, send_input(chat), as_user=boris)

    assert to_boris.data["sendChatMessage"]["__typename"] == "MessagingNotAllowed"
    assert to_alice.data["sendChatMessage"]["__typename"] == "SendChatMessagePayload"


async def test_moderators_may_write_to_anyone(gql: GQL, session: AsyncSession) -> None:
    moderator = await create_user(session, roles=[Role.MODERATOR])
    private = await create_user(session, message_permission=Audience.NOBODY)

    response = await gql(SEND, send_input(recipientId=str(private.id)), as_user=moderator)

    assert response.data["sendChatMessage"]["__typename"] == "SendChatMessagePayload"


async def test_direct_messages_need_a_visible_other_person(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    alice = await create_user(session)
    banned = await create_user(session, banned_until=clock.now().replace(year=2100))
    before = await snapshot(session)

    to_self = await gql(SEND, send_input(recipientId=str(alice.id)), as_user=alice)
    to_banned = await gql(SEND, send_input(recipientId=str(banned.id)), as_user=alice)
    to_nobody = await gql(SEND, send_input(recipientId=str(uuid.uuid4())), as_user=alice)

    assert to_self.data["sendChatMessage"]["fields"] == [
        {"path": "recipientId", "code": "NOT_ALLOWED"}
    ]
    assert to_banned.data["sendChatMessage"]["__typename"] == "NotFound"
    assert to_nobody.data["sendChatMessage"]["__typename"] == "NotFound"
    assert await snapshot(session) == before


async def test_sending_is_rate_limited_per_user(
    configure: Configure, session: AsyncSession
) -> None:
    gql = configure(rate_limit={"overrides": {"chat.send_message:user": 2}})
    alice = await create_user(session)
    chat = await create_chat(session, members=[alice])

    results = [await gql(SEND, send_input(chat), as_user=alice) for _ in range(3)]

    assert [r.data["sendChatMessage"]["__typename"] for r in results] == [
        "SendChatMessagePayload",
        "SendChatMessagePayload",
        "RateLimited",
    ]
    assert results[2].data["sendChatMessage"]["retryAfter"] == 5
    assert len(await messages_of(session, chat)) == 2
