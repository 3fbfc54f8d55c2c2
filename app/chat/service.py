"""Chats: finding them, and the API other domains use to open, staff and close theirs.

Teams, matches and tournaments own who belongs in their chat. They call ``open_chat`` when
the thing starts (again later to bring the members up to date), ``set_members`` when the
people change and ``close_chat`` when it is over. DIRECT chats are opened by the first message
(``messages.send_message``). Sending, editing and deleting live in ``messages.py``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.chat.events import ChatClosed, ChatMemberJoined, ChatMemberLeft, ChatOpened
from app.chat.models import Chat, ChatKind, ChatMember, ChatMessage
from app.chat.repository import ChatRepository, MemberRepository, MessageRepository
from app.errors import BadRequestError, NotFoundError
from app.events import emit
from app.pagination import Page, PageRequest

REPLAY_BATCH = 100
SUBJECT_CHAT = "uq_chats_kind_subject_id"
DIRECT_CHAT = "uq_chats_direct_key"


async def get_chat(session: AsyncSession, viewer: Principal, chat_id: uuid.UUID) -> Chat | None:
    return await ChatRepository(session).get_readable(viewer.user_id, chat_id)


async def list_chats(session: AsyncSession, viewer: Principal, *, page: PageRequest) -> Page[Chat]:
    """The viewer's chats, most recently active first."""
    return await ChatRepository(session).page_for(viewer.user_id, page)


async def direct_chat(session: AsyncSession, viewer: Principal, user_id: uuid.UUID) -> Chat | None:
    """The viewer's DIRECT chat with ``user_id``, if they have written to each other."""
    repo = ChatRepository(session)
    chat_id = await repo.id_by_direct_key(direct_key(viewer.user_id, user_id))
    return await repo.get_readable(viewer.user_id, chat_id) if chat_id else None


async def list_messages(
    session: AsyncSession, viewer: Principal, chat_id: uuid.UUID, *, page: PageRequest
) -> Page[ChatMessage] | None:
    """History backwards from ``page.after`` (newest when ``None``); ``None`` for non-members."""
    messages = await MessageRepository(session).page_before(viewer.user_id, chat_id, page)
    if messages.items:
        return messages
    # Nothing came back: a member's empty page, or no membership at all.
    member = await MemberRepository(session).get(chat_id, viewer.user_id)
    return messages if member is not None else None


@dataclass(frozen=True, slots=True)
class StreamStart:
    after_seq: int
    """The stream delivers messages numbered after this: after ``after``, or after the newest."""
    closed: bool
    """Nothing new will come: the stream ends once it has replayed what was missed."""


async def stream_start(
    session: AsyncSession, viewer: Principal, chat_id: uuid.UUID, after: uuid.UUID | None
) -> StreamStart:
    chat = await ChatRepository(session).get_readable(viewer.user_id, chat_id)
    if chat is None:
        raise NotFoundError("Чат не найден")
    if after is None:
        return StreamStart(chat.last_seq, chat.is_closed)
    message = await MessageRepository(session).get(after)
    if message is None or message.chat_id != chat_id:
        raise BadRequestError("В этом чате нет такого сообщения")
    return StreamStart(message.seq, chat.is_closed)


async def missed_messages(
    session: AsyncSession, viewer: Principal, chat_id: uuid.UUID, after_seq: int
) -> list[ChatMessage]:
    """One batch of messages after ``after_seq``; none once the viewer is no longer a member."""
    return await MessageRepository(session).readable_after(
        viewer.user_id, chat_id, after_seq, limit=REPLAY_BATCH
    )


async def open_chat(
    session: AsyncSession,
    kind: ChatKind,
    subject_id: uuid.UUID,
    *,
    member_ids: Iterable[uuid.UUID],
    now: datetime,
    title: str | None = None,
) -> Chat:
    """The chat of a team, match or tournament: created once, its members set each call."""
    if kind is ChatKind.DIRECT:
        raise ValueError("DIRECT chats are opened by their first message")
    repo = ChatRepository(session)
    values = {"kind": kind, "subject_id": subject_id, "title": title}
    created = await repo.create(_new(values, now), conflict=SUBJECT_CHAT)
    if created is None:
        return await set_members(session, kind, subject_id, member_ids, now=now)
    chat = await _lock(repo, created)
    members = sorted(set(member_ids))
    await MemberRepository(session).add(chat.id, members, read_up_to=0, now=now)
    event = ChatOpened(chat_id=chat.id, member_ids=members, kind=kind, subject_id=subject_id)
    emit(session, event, actor_id=None, occurred_at=now)
    return chat


async def set_members(
    session: AsyncSession,
    kind: ChatKind,
    subject_id: uuid.UUID,
    member_ids: Iterable[uuid.UUID],
    *,
    now: datetime,
) -> Chat:
    """Make the chat's members exactly ``member_ids``; leavers' subscriptions end.

    Newcomers can read the history but start with nothing unread.
    """
    chat = await lock_subject_chat(session, kind, subject_id)
    members = MemberRepository(session)
    current = set(await members.user_ids(chat.id))
    wanted = set(member_ids)
    joining, leaving = sorted(wanted - current), sorted(current - wanted)
    await members.add(chat.id, joining, read_up_to=chat.last_seq, now=now)
    await members.remove(chat.id, leaving)
    for user_id in joining:
        emit(session, ChatMemberJoined(chat_id=chat.id, user_id=user_id), actor_id=None)
    for user_id in leaving:
        emit(session, ChatMemberLeft(chat_id=chat.id, user_id=user_id), actor_id=None)
    return chat


async def close_chat(
    session: AsyncSession, kind: ChatKind, subject_id: uuid.UUID, *, now: datetime
) -> Chat:
    """Make the chat read-only; members keep its history."""
    chat = await lock_subject_chat(session, kind, subject_id)
    if not chat.is_closed:
        await _close(session, chat, now)
    return chat


async def close_chat_later(
    session: AsyncSession, kind: ChatKind, subject_id: uuid.UUID, *, at: datetime
) -> None:
    """Make the chat read-only at ``at`` (``close_due_chats`` does it); no chat, nothing to do."""
    chat_id = await ChatRepository(session).id_by_subject(kind, subject_id)
    if chat_id is None:
        return
    chat = await _lock(ChatRepository(session), chat_id)
    if not chat.is_closed and chat.closes_at is None:
        chat.closes_at = at
        await session.flush()


async def close_due_chats(session: AsyncSession, *, now: datetime, limit: int) -> int:
    """Close a batch of chats whose time has come; returns how many."""
    chats = await ChatRepository(session).due_to_close_for_update(now, limit)
    for chat in chats:
        await _close(session, chat, now)
    return len(chats)


async def _close(session: AsyncSession, chat: Chat, now: datetime) -> None:
    chat.closed_at = now
    await session.flush()
    member_ids = await MemberRepository(session).user_ids(chat.id)
    emit(session, ChatClosed(chat_id=chat.id, member_ids=member_ids), actor_id=None)


async def lock_subject_chat(session: AsyncSession, kind: ChatKind, subject_id: uuid.UUID) -> Chat:
    repo = ChatRepository(session)
    chat_id = await repo.id_by_subject(kind, subject_id)
    if chat_id is None:
        raise NotFoundError("Чат не найден")
    return await _lock(repo, chat_id)


async def lock_member_chat(
    session: AsyncSession, actor: Principal, chat_id: uuid.UUID
) -> tuple[Chat, ChatMember]:
    """The chat locked, if the actor is a member (checked under the lock, so it holds)."""
    chat = await ChatRepository(session).get_for_update(chat_id)
    member = await MemberRepository(session).get(chat_id, actor.user_id) if chat else None
    if chat is None or member is None:
        raise NotFoundError("Чат не найден")
    return chat, member


def direct_key(first: uuid.UUID, second: uuid.UUID) -> str:
    low, high = sorted((first, second))
    return f"{low}:{high}"


async def open_direct_chat(
    session: AsyncSession, actor: Principal, recipient_id: uuid.UUID, *, now: datetime
) -> uuid.UUID:
    """The pair's chat, created if needed (concurrent first messages create one chat)."""
    repo = ChatRepository(session)
    key = direct_key(actor.user_id, recipient_id)
    existing = await repo.id_by_direct_key(key)
    if existing is not None:
        return existing
    values = {"kind": ChatKind.DIRECT, "direct_key": key}
    created = await repo.create(_new(values, now), conflict=DIRECT_CHAT)
    if created is None:
        raced = await repo.id_by_direct_key(key)
        assert raced is not None
        return raced
    members = sorted({actor.user_id, recipient_id})
    await MemberRepository(session).add(created, members, read_up_to=0, now=now)
    event = ChatOpened(chat_id=created, member_ids=members, kind=ChatKind.DIRECT, subject_id=None)
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return created


def _new(values: Mapping[str, object], now: datetime) -> dict[str, object]:
    return {**values, "created_at": now, "last_activity_at": now}


async def _lock(repo: ChatRepository, chat_id: uuid.UUID) -> Chat:
    chat = await repo.get_for_update(chat_id)
    assert chat is not None
    return chat
