"""Writing to chats: send, edit, delete, read positions and typing.

Every change to a chat's messages holds the chat row lock (``lock_member_chat``) while it
numbers the message and appends its event, so message order, outbox order and commit order
are one order per chat, however many members send at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.chat import service
from app.chat.errors import ChatClosedError, ChatMessageDeletedError, MessagingNotAllowedError
from app.chat.events import (
    ChatMessageDeleted,
    ChatMessageEdited,
    ChatMessagePosted,
    ChatRead,
    ChatTyping,
)
from app.chat.mentions import nicknames_in
from app.chat.models import Chat, ChatKind, ChatMember, ChatMessage
from app.chat.repository import MemberRepository, MessageRepository
from app.errors import AccessDeniedError, FieldCode, FieldIssue, NotFoundError, ValidationError
from app.events import emit
from app.users import service as users
from app.validation import Validator

MAX_TEXT = 2_000
MAX_CLIENT_ID = 64
NOT_IN_CHAT = "В этом чате нет такого сообщения"
TYPING_FOR = timedelta(seconds=5)
"""How long a typing notice lasts; clients repeat it while the user keeps typing."""


@dataclass(frozen=True, slots=True)
class Draft:
    text: str
    client_message_id: str
    reply_to_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """Exactly one of: an existing chat, or the user to write to directly."""

    chat_id: uuid.UUID | None = None
    recipient_id: uuid.UUID | None = None


async def send_message(
    session: AsyncSession, actor: Principal, target: Target, draft: Draft, *, now: datetime
) -> ChatMessage:
    """Post a message; a retry with the same ``client_message_id`` returns the first one."""
    text, client_id = _validate(draft)
    chat_id = await _chat_of(session, actor, target, now)
    chat, member = await service.lock_member_chat(session, actor, chat_id)
    messages = MessageRepository(session)
    earlier = await messages.by_client_id(actor.user_id, client_id)
    if earlier is not None:
        return _retried(earlier, chat)
    _require_open(chat)
    member_ids = await MemberRepository(session).user_ids(chat.id)
    if chat.kind is ChatKind.DIRECT:
        await _require_may_message(session, actor, member_ids)
    reply_to = await _reply_target(messages, chat, draft.reply_to_id)
    message = await _append(session, chat, member, text, client_id, reply_to, now)
    event = ChatMessagePosted(
        chat_id=chat.id,
        member_ids=member_ids,
        message_id=message.id,
        seq=message.seq,
        sender_id=actor.user_id,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return message


async def edit_message(
    session: AsyncSession, actor: Principal, message_id: uuid.UUID, text: str, *, now: datetime
) -> ChatMessage:
    v = Validator()
    cleaned = v.text("text", text, min_len=1, max_len=MAX_TEXT, required=True)
    v.raise_if_any()
    chat, message = await _lock_own_message(session, actor, message_id)
    if message.is_deleted:
        raise ChatMessageDeletedError()
    if cleaned == message.text:
        return message
    before = set(nicknames_in(message.text or ""))
    message.text = cleaned
    message.edited_at = now
    await session.flush()
    added = [name for name in nicknames_in(cleaned or "") if name not in before]
    await _announce(session, ChatMessageEdited, chat, message, actor, now, added_mentions=added)
    return message


async def delete_message(
    session: AsyncSession, actor: Principal, message_id: uuid.UUID, *, now: datetime
) -> ChatMessage:
    """Leave a tombstone: the text goes, the message's place in the chat stays."""
    chat, message = await _lock_own_message(session, actor, message_id)
    if message.is_deleted:
        return message
    message.text = None
    message.deleted_at = now
    await session.flush()
    await _announce(session, ChatMessageDeleted, chat, message, actor, now)
    return message


async def mark_read(
    session: AsyncSession,
    actor: Principal,
    chat_id: uuid.UUID,
    message_id: uuid.UUID,
    *,
    now: datetime,
) -> Chat:
    """Move the read position forward to ``message_id``; it never moves back."""
    members = MemberRepository(session)
    member = await members.get_for_update(chat_id, actor.user_id)
    chat = await service.get_chat(session, actor, chat_id) if member else None
    if member is None or chat is None:
        raise NotFoundError("Чат не найден")
    message = await MessageRepository(session).get(message_id)
    if message is None or message.chat_id != chat_id:
        raise _invalid("messageId", FieldCode.NOT_FOUND, NOT_IN_CHAT)
    if message.seq > member.last_read_seq:
        member.last_read_seq = message.seq
        await session.flush()
        event = ChatRead(chat_id=chat_id, user_id=actor.user_id, seq=message.seq)
        emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return chat


async def typing(
    session: AsyncSession, actor: Principal, chat_id: uuid.UUID, *, now: datetime
) -> ChatTyping:
    """The notice to broadcast; nothing is written."""
    chat = await service.get_chat(session, actor, chat_id)
    if chat is None:
        raise NotFoundError("Чат не найден")
    _require_open(chat)
    return ChatTyping(
        chat_id=chat.id,
        member_ids=await MemberRepository(session).user_ids(chat.id),
        user_id=actor.user_id,
        until=now + TYPING_FOR,
    )


def _validate(draft: Draft) -> tuple[str, str]:
    v = Validator()
    text = v.text("text", draft.text, min_len=1, max_len=MAX_TEXT, required=True)
    client_id = v.text(
        "clientMessageId", draft.client_message_id, max_len=MAX_CLIENT_ID, required=True
    )
    v.raise_if_any()
    assert text is not None
    assert client_id is not None
    return text, client_id


async def _chat_of(
    session: AsyncSession, actor: Principal, target: Target, now: datetime
) -> uuid.UUID:
    if (target.chat_id is None) == (target.recipient_id is None):
        raise _invalid("chatId", FieldCode.REQUIRED, "Укажите ровно одно: чат или получателя")
    if target.chat_id is not None:
        return target.chat_id
    assert target.recipient_id is not None
    if target.recipient_id == actor.user_id:
        raise _invalid("recipientId", FieldCode.NOT_ALLOWED, "Нельзя написать самому себе")
    if await users.get_user(session, actor, target.recipient_id) is None:
        raise NotFoundError("Пользователь не найден")
    return await service.open_direct_chat(session, actor, target.recipient_id, now=now)


def _retried(earlier: ChatMessage, chat: Chat) -> ChatMessage:
    if earlier.chat_id != chat.id:
        raise _invalid(
            "clientMessageId",
            FieldCode.DUPLICATE,
            "Этот идентификатор уже использован в другом чате",
        )
    return earlier


def _require_open(chat: Chat) -> None:
    if chat.is_closed:
        raise ChatClosedError()


async def _require_may_message(
    session: AsyncSession, actor: Principal, member_ids: list[uuid.UUID]
) -> None:
    """The other person's "who may message me", checked on every message: a changed setting
    applies to chats that already exist, and a rollback undoes a chat opened for nothing."""
    other_id = next((uid for uid in member_ids if uid != actor.user_id), None)
    other = await users.get_user(session, actor, other_id) if other_id else None
    if other is None or not users.audience_allows(
        other.message_permission, await users.relation_to(session, actor, other)
    ):
        raise MessagingNotAllowedError()


async def _reply_target(
    messages: MessageRepository, chat: Chat, reply_to_id: uuid.UUID | None
) -> ChatMessage | None:
    if reply_to_id is None:
        return None
    message = await messages.get(reply_to_id)
    if message is None or message.chat_id != chat.id:
        raise _invalid("replyToId", FieldCode.NOT_FOUND, NOT_IN_CHAT)
    return message


async def _append(
    session: AsyncSession,
    chat: Chat,
    member: ChatMember,
    text: str,
    client_id: str,
    reply_to: ChatMessage | None,
    now: datetime,
) -> ChatMessage:
    """Number the message after the chat's newest; the sender has read up to it."""
    chat.last_seq += 1
    chat.last_activity_at = now
    member.last_read_seq = chat.last_seq
    message = ChatMessage(
        chat_id=chat.id,
        seq=chat.last_seq,
        sender_id=member.user_id,
        client_message_id=client_id,
        text=text,
        reply_to_seq=reply_to.seq if reply_to else None,
        created_at=now,
    )
    try:
        return await MessageRepository(session).add(message)
    except IntegrityError as exc:  # the same client id, concurrently, in another chat
        raise _invalid(
            "clientMessageId", FieldCode.DUPLICATE, "Этот идентификатор уже использован"
        ) from exc


async def _lock_own_message(
    session: AsyncSession, actor: Principal, message_id: uuid.UUID
) -> tuple[Chat, ChatMessage]:
    messages = MessageRepository(session)
    found = await messages.get(message_id)
    if found is None:
        raise NotFoundError("Сообщение не найдено")
    try:
        chat, _ = await service.lock_member_chat(session, actor, found.chat_id)
    except NotFoundError:
        raise NotFoundError("Сообщение не найдено") from None
    message = await messages.get(message_id)
    assert message is not None
    if message.sender_id != actor.user_id:
        raise AccessDeniedError("Изменять и удалять можно только свои сообщения")
    _require_open(chat)
    return chat, message


async def _announce(
    session: AsyncSession,
    event_type: type[ChatMessageEdited | ChatMessageDeleted],
    chat: Chat,
    message: ChatMessage,
    actor: Principal,
    now: datetime,
    **details: list[str],
) -> None:
    event = event_type(
        chat_id=chat.id,
        member_ids=await MemberRepository(session).user_ids(chat.id),
        message_id=message.id,
        seq=message.seq,
        sender_id=message.sender_id,
        **details,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)


def _invalid(path: str, code: FieldCode, message: str) -> ValidationError:
    return ValidationError([FieldIssue(path, code, message)])
