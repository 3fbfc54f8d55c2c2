"""Chat: the owner is a member of the chat (and the author of its message)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.chat.events import ChatTyping
from app.chat.models import Chat, ChatKind, ChatMember, ChatMessage
from app.db import utcnow
from app.events.envelope import Envelope
from app.users.models import Audience, User
from tests.authz.matrix import Actor, Case, Cast, Outcome, everyone_signed_in, over_websocket
from tests.factories import create_chat, create_message, create_user

MEMBERS_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.HIDDEN,
    Actor.OWNER: Outcome.ALLOWED,
    Actor.MODERATOR: Outcome.HIDDEN,
}
"""Chats are private to their members; moderators have no special access."""


async def owned_chat(session: AsyncSession, cast: Cast) -> Chat:
    return await create_chat(session, members=[cast.owner, await create_user(session)])


async def chat_of_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"chatId": str((await owned_chat(session, cast)).id)}


async def message_of_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    chat = await owned_chat(session, cast)
    message = await create_message(session, chat=chat, sender=cast.owner)
    return {"chatId": str(chat.id), "messageId": str(message.id)}


async def message_only(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"messageId": (await message_of_owner(session, cast))["messageId"]}


async def replayable_chat(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    """A chat with a message after the one given as ``after``: a member's stream replays it."""
    chat = await owned_chat(session, cast)
    seen = await create_message(session, chat=chat, sender=cast.owner)
    await create_message(session, chat=chat, sender=cast.owner)
    return {"chatId": str(chat.id), "after": str(seen.id)}


async def direct_chat_of_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    other = await create_user(session)
    await create_chat(session, kind=ChatKind.DIRECT, members=[cast.owner, other])
    return {"userId": str(other.id)}


async def someone_open(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"recipientId": str((await create_user(session)).id)}


async def owner_closed_to_messages(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    cast.owner.message_permission = Audience.NOBODY
    await session.flush()
    return {"recipientId": str(cast.owner.id)}


async def typing_for(session: AsyncSession, user: User, variables: dict[str, Any]) -> Envelope:
    """Someone types in a chat of the subscriber's."""
    other = await create_user(session)
    chat = await create_chat(session, members=[user, other])
    notice = ChatTyping(
        chat_id=chat.id,
        member_ids=[user.id, other.id],
        user_id=other.id,
        until=utcnow() + timedelta(seconds=5),
    )
    return Envelope.wrap(notice, actor_id=other.id)


async def chat_state(session: AsyncSession, cast: Cast) -> object:
    chats = (await session.execute(select(Chat.id, Chat.last_seq, Chat.closed_at))).all()
    members = (
        await session.execute(
            select(ChatMember.chat_id, ChatMember.user_id, ChatMember.last_read_seq)
        )
    ).all()
    messages = (
        await session.execute(
            select(ChatMessage.id, ChatMessage.text, ChatMessage.edited_at, ChatMessage.deleted_at)
        )
    ).all()
    return sorted(map(str, chats)), sorted(map(str, members)), sorted(map(str, messages))


def mutation(
    name: str, extra: dict[str, Any], expect: dict[Actor, Outcome], arrange: Any, label: str = ""
) -> Case:
    document = (
        f"mutation($v: {name[0].upper()}{name[1:]}Input!) {{ {name}(input: $v) {{ __typename }} }}"
    )

    async def wrapped(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        values = await arrange(session, cast)
        return {"v": {**values, **extra}}

    return Case(
        f"Mutation.{name}", document, expect, arrange=wrapped, snapshot=chat_state, name=label
    )


A_MESSAGE = {"text": "Привет", "clientMessageId": "authz-1"}


CASES = [
    Case("Query.chats", "query { chats(first: 5) { nodes { id } } }", everyone_signed_in()),
    Case(
        "Query.chat",
        "query($chatId: ID!) { chat(id: $chatId) { id } }",
        MEMBERS_ONLY,
        arrange=chat_of_owner,
    ),
    Case(
        "Query.directChat",
        "query($userId: ID!) { directChat(userId: $userId) { id } }",
        MEMBERS_ONLY,
        arrange=direct_chat_of_owner,
    ),
    Case(
        "Query.chatMessages",
        "query($chatId: ID!) { chatMessages(chatId: $chatId) { nodes { id } } }",
        MEMBERS_ONLY,
        arrange=chat_of_owner,
    ),
    mutation("sendChatMessage", A_MESSAGE, MEMBERS_ONLY, chat_of_owner),
    mutation(
        "sendChatMessage",
        A_MESSAGE,
        everyone_signed_in(),
        someone_open,
        label="direct",
    ),
    mutation(
        "sendChatMessage",
        A_MESSAGE,
        {
            Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
            Actor.STRANGER: Outcome.REFUSED,
            Actor.OWNER: Outcome.REFUSED,
            Actor.MODERATOR: Outcome.ALLOWED,
        },
        owner_closed_to_messages,
        label="direct to someone closed to messages",
    ),
    mutation("editChatMessage", {"text": "Правка"}, MEMBERS_ONLY, message_only),
    mutation("deleteChatMessage", {}, MEMBERS_ONLY, message_only),
    mutation("markChatRead", {}, MEMBERS_ONLY, message_of_owner),
    mutation("setTyping", {}, MEMBERS_ONLY, chat_of_owner),
    Case(
        "Subscription.chatMessageAdded",
        "subscription($chatId: ID!, $after: ID) "
        "{ chatMessageAdded(chatId: $chatId, after: $after) { id } }",
        MEMBERS_ONLY,
        arrange=replayable_chat,
        send=over_websocket,
    ),
    Case(
        "Subscription.chatActivity",
        "subscription { chatActivity { __typename } }",
        everyone_signed_in(),
        trigger=typing_for,
        send=over_websocket,
    ),
]
