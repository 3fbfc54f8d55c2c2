"""What the AI assistant (``app/ai``) needs of chats: the asking message read as its author,
recent history read as a member, and posting its answer, exactly one per asking message.

Answers have no sender (``ChatMessage.sender_id is None``) and reply to the asking message.
Posting holds the chat row lock like every other message, and checks for an earlier answer
under it, so redelivered events and racing workers post one answer; the partial unique index
``uq_chat_messages_assistant_answer`` backs that up.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.chat import service
from app.chat.events import ChatMessagePosted
from app.chat.messages import MAX_TEXT
from app.chat.models import Chat, ChatKind, ChatMessage
from app.chat.repository import ChatRepository, MemberRepository, MessageRepository
from app.errors import NotFoundError
from app.events import emit

ANSWER_PREFIX = "ai:"
"""The answer's ``client_message_id`` is this and the asking message's id."""


@dataclass(frozen=True, slots=True)
class Question:
    message: ChatMessage
    chat: Chat
    answered: bool

    @property
    def team_id(self) -> uuid.UUID:
        assert self.chat.subject_id is not None
        return self.chat.subject_id


async def team_question(session: AsyncSession, asker: Principal, message_id: uuid.UUID) -> Question:
    """The asker's own message in a team chat they are a member of; ``NotFoundError`` else."""
    messages = MessageRepository(session)
    message = await messages.get(message_id)
    chat = await service.get_chat(session, asker, message.chat_id) if message else None
    if (
        message is None
        or chat is None
        or chat.kind is not ChatKind.TEAM
        or message.sender_id != asker.user_id
        or message.is_deleted
    ):
        raise NotFoundError("Сообщение не найдено")
    answered = await messages.assistant_answer(chat.id, message.seq) is not None
    return Question(message, chat, answered)


async def recent_messages(
    session: AsyncSession,
    viewer: Principal,
    chat_id: uuid.UUID,
    *,
    limit: int,
    up_to_seq: int | None = None,
) -> list[ChatMessage] | None:
    """The newest messages, oldest first, without deleted ones; ``None`` for non-members."""
    if await MemberRepository(session).get(chat_id, viewer.user_id) is None:
        return None
    return await MessageRepository(session).latest(chat_id, up_to_seq=up_to_seq, limit=limit)


async def post_answer(
    session: AsyncSession, question_id: uuid.UUID, text: str, *, now: datetime
) -> ChatMessage | None:
    """Post the assistant's answer; ``None`` (nothing posted) when the question has an answer
    already, was deleted, or its chat is closed."""
    messages = MessageRepository(session)
    found = await messages.get(question_id)
    chat = await ChatRepository(session).get_for_update(found.chat_id) if found else None
    question = await messages.get(question_id)
    if chat is None or chat.is_closed or question is None or question.is_deleted:
        return None
    if await messages.assistant_answer(chat.id, question.seq) is not None:
        return None
    chat.last_seq += 1
    chat.last_activity_at = now
    answer = await messages.add(
        ChatMessage(
            chat_id=chat.id,
            seq=chat.last_seq,
            sender_id=None,
            client_message_id=f"{ANSWER_PREFIX}{question.id}",
            text=text.strip()[:MAX_TEXT],
            reply_to_seq=question.seq,
            created_at=now,
        )
    )
    event = ChatMessagePosted(
        chat_id=chat.id,
        member_ids=await MemberRepository(session).user_ids(chat.id),
        message_id=answer.id,
        seq=answer.seq,
        sender_id=None,
    )
    emit(session, event, actor_id=None, occurred_at=now)
    return answer
