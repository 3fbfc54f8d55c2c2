from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import BindParameter, Integer, Select, bindparam, delete, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.chat.models import Chat, ChatKind, ChatMember, ChatMessage
from app.db import any_of
from app.pagination import Keyset, Page, PageRequest, SortKey, build_page, keyset

BY_ACTIVITY = (
    SortKey(Chat.last_activity_at, datetime, descending=True),
    SortKey(Chat.id, uuid.UUID, descending=True),
)
NEWEST_FIRST = (SortKey(ChatMessage.seq, int, descending=True),)

# Statements of the hot reads, built once: building one costs more than running it.
_CHATS_BY_IDS = select(Chat).where(any_of(Chat.id, "ids"))
_MESSAGES_BY_IDS = select(ChatMessage).where(any_of(ChatMessage.id, "ids"))
_MESSAGES_BY_NUMBERS = select(ChatMessage).where(
    tuple_(ChatMessage.chat_id, ChatMessage.seq).in_(bindparam("keys", expanding=True))
)
# Only for a member: the check rides along as an uncorrelated EXISTS, evaluated once.
_MESSAGES_BEFORE = Keyset.of(
    select(ChatMessage).where(
        ChatMessage.chat_id == bindparam("chat_id"),
        select(ChatMember.user_id)
        .where(
            ChatMember.chat_id == bindparam("chat_id"),
            ChatMember.user_id == bindparam("reader_id"),
        )
        .exists(),
    ),
    NEWEST_FIRST,
)
_OTHER_MEMBER = aliased(ChatMember)
_UNREAD = select(func.count()).where(
    ChatMessage.chat_id == ChatMember.chat_id,
    ChatMessage.seq > ChatMember.last_read_seq,
    ChatMessage.sender_id.is_distinct_from(ChatMember.user_id),
    ChatMessage.deleted_at.is_(None),
)
# Both counts a chat shows its member, in one statement: a chat header asks for both.
_TALLIES = select(
    ChatMember.chat_id,
    select(func.count()).where(_OTHER_MEMBER.chat_id == ChatMember.chat_id).scalar_subquery(),
    _UNREAD.scalar_subquery(),
).where(ChatMember.user_id == bindparam("user_id"), any_of(ChatMember.chat_id, "chat_ids"))


def _readable_by(user_id: uuid.UUID | BindParameter[uuid.UUID]) -> Select[Chat]:
    """Chats are private to their members; staff have no special access."""
    return select(Chat).join(
        ChatMember, (ChatMember.chat_id == Chat.id) & (ChatMember.user_id == user_id)
    )


_READABLE_CHAT = _readable_by(bindparam("user_id")).where(Chat.id == bindparam("chat_id"))


def _members_of_chats() -> Select[ChatMember]:
    position = func.row_number().over(
        partition_by=ChatMember.chat_id, order_by=(ChatMember.joined_at, ChatMember.user_id)
    )
    ranked = (
        select(ChatMember, position.label("position"))
        .where(any_of(ChatMember.chat_id, "chat_ids"))
        .subquery()
    )
    member = aliased(ChatMember, ranked)
    return (
        select(member)
        .where(ranked.c.position <= bindparam("limit", type_=Integer))
        .order_by(ranked.c.position)
    )


_MEMBERS_OF_CHATS = _members_of_chats()


class ChatRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def readable_by(self, user_id: uuid.UUID) -> Select[Chat]:
        return _readable_by(user_id)

    async def get_readable(self, user_id: uuid.UUID, chat_id: uuid.UUID) -> Chat | None:
        params = {"user_id": user_id, "chat_id": chat_id}
        return await self.session.scalar(_READABLE_CHAT, params)

    async def get_for_update(self, chat_id: uuid.UUID) -> Chat | None:
        """The chat, locked until the transaction ends (see ``Chat``)."""
        return await self.session.get(Chat, chat_id, with_for_update=True, populate_existing=True)

    async def due_to_close_for_update(self, now: datetime, limit: int) -> list[Chat]:
        """Open chats whose closing time has come, locked, skipping ones another runner holds."""
        stmt = (
            select(Chat)
            .where(Chat.closes_at <= now, Chat.closed_at.is_(None))
            .order_by(Chat.closes_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list((await self.session.scalars(stmt)).all())

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[Chat]:
        return list((await self.session.scalars(_CHATS_BY_IDS, {"ids": list(ids)})).all())

    async def id_by_subject(self, kind: ChatKind, subject_id: uuid.UUID) -> uuid.UUID | None:
        stmt = select(Chat.id).where(Chat.kind == kind, Chat.subject_id == subject_id)
        return await self.session.scalar(stmt)

    async def id_by_direct_key(self, key: str) -> uuid.UUID | None:
        return await self.session.scalar(select(Chat.id).where(Chat.direct_key == key))

    async def create(self, values: dict[str, object], *, conflict: str) -> uuid.UUID | None:
        """Insert unless a chat with the same identity exists (``None`` then): concurrent
        openings of one chat create it once."""
        stmt = (
            insert(Chat)
            .values(id=uuid.uuid4(), **values)
            .on_conflict_do_nothing(constraint=conflict)
            .returning(Chat.id)
        )
        return await self.session.scalar(stmt)

    async def page_for(self, user_id: uuid.UUID, request: PageRequest) -> Page[Chat]:
        stmt = keyset(self.readable_by(user_id), BY_ACTIVITY, request)
        rows = (await self.session.scalars(stmt)).all()
        return build_page(rows, request, lambda chat: (chat.last_activity_at, chat.id))


class MemberRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, chat_id: uuid.UUID, user_id: uuid.UUID) -> ChatMember | None:
        return await self.session.get(ChatMember, (chat_id, user_id), populate_existing=True)

    async def user_ids(self, chat_id: uuid.UUID) -> list[uuid.UUID]:
        stmt = select(ChatMember.user_id).where(ChatMember.chat_id == chat_id)
        return list((await self.session.scalars(stmt.order_by(ChatMember.user_id))).all())

    async def add(
        self, chat_id: uuid.UUID, user_ids: Sequence[uuid.UUID], *, read_up_to: int, now: datetime
    ) -> None:
        if not user_ids:
            return
        rows = [
            {"chat_id": chat_id, "user_id": user_id, "joined_at": now, "last_read_seq": read_up_to}
            for user_id in user_ids
        ]
        await self.session.execute(insert(ChatMember).values(rows).on_conflict_do_nothing())

    async def remove(self, chat_id: uuid.UUID, user_ids: Sequence[uuid.UUID]) -> None:
        if user_ids:
            await self.session.execute(
                delete(ChatMember).where(
                    ChatMember.chat_id == chat_id, ChatMember.user_id.in_(user_ids)
                )
            )

    async def of_chats(self, chat_ids: Sequence[uuid.UUID], *, limit: int) -> list[ChatMember]:
        """Up to ``limit`` members per chat, longest-standing first."""
        params = {"chat_ids": list(chat_ids), "limit": limit}
        return list((await self.session.scalars(_MEMBERS_OF_CHATS, params)).all())

    async def get_for_update(self, chat_id: uuid.UUID, user_id: uuid.UUID) -> ChatMember | None:
        return await self.session.get(
            ChatMember, (chat_id, user_id), with_for_update=True, populate_existing=True
        )

    async def tallies(
        self, user_id: uuid.UUID, chat_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, tuple[int, int]]:
        """Per chat of the member: its member count, and the others' messages, not deleted,
        after the member's read position."""
        params = {"user_id": user_id, "chat_ids": list(chat_ids)}
        rows = await self.session.execute(_TALLIES, params)
        return {chat_id: (int(members), int(unread)) for chat_id, members, unread in rows.all()}


class MessageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, message_id: uuid.UUID) -> ChatMessage | None:
        return await self.session.get(ChatMessage, message_id, populate_existing=True)

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[ChatMessage]:
        return list((await self.session.scalars(_MESSAGES_BY_IDS, {"ids": list(ids)})).all())

    async def by_numbers(self, keys: Sequence[tuple[uuid.UUID, int]]) -> list[ChatMessage]:
        rows = await self.session.scalars(_MESSAGES_BY_NUMBERS, {"keys": list(keys)})
        return list(rows.all())

    async def by_client_id(self, sender_id: uuid.UUID, client_id: str) -> ChatMessage | None:
        stmt = select(ChatMessage).where(
            ChatMessage.sender_id == sender_id, ChatMessage.client_message_id == client_id
        )
        return await self.session.scalar(stmt)

    async def add(self, message: ChatMessage) -> ChatMessage:
        self.session.add(message)
        await self.session.flush()
        return message

    async def page_before(
        self, reader_id: uuid.UUID, chat_id: uuid.UUID, request: PageRequest
    ) -> Page[ChatMessage]:
        """Newest first from the database; returned oldest first, as a chat shows them. Empty
        unless ``reader_id`` is a member."""
        params = {"chat_id": chat_id, "reader_id": reader_id}
        stmt, params = _MESSAGES_BEFORE.page(request, params)
        rows = (await self.session.scalars(stmt, params)).all()
        newest_first = build_page(rows, request, lambda message: (message.seq,))
        return Page(
            items=newest_first.items[::-1],
            cursors=newest_first.cursors[::-1],
            has_next_page=newest_first.has_previous_page,
            has_previous_page=newest_first.has_next_page,
        )

    async def readable_after(
        self, user_id: uuid.UUID, chat_id: uuid.UUID, seq: int, *, limit: int
    ) -> list[ChatMessage]:
        """Messages after ``seq``, oldest first, while ``user_id`` is still a member."""
        member = select(ChatMember.user_id).where(
            ChatMember.chat_id == chat_id, ChatMember.user_id == user_id
        )
        stmt = (
            select(ChatMessage)
            .where(ChatMessage.chat_id == chat_id, ChatMessage.seq > seq, member.exists())
            .order_by(ChatMessage.seq)
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())

    async def assistant_answer(self, chat_id: uuid.UUID, seq: int) -> ChatMessage | None:
        """The AI assistant's answer to message ``seq`` of the chat, if it has one."""
        stmt = select(ChatMessage).where(
            ChatMessage.chat_id == chat_id,
            ChatMessage.reply_to_seq == seq,
            ChatMessage.sender_id.is_(None),
        )
        return await self.session.scalar(stmt)

    async def latest(
        self, chat_id: uuid.UUID, *, up_to_seq: int | None, limit: int
    ) -> list[ChatMessage]:
        """The newest messages that are not deleted, up to ``up_to_seq``; oldest first."""
        stmt = select(ChatMessage).where(
            ChatMessage.chat_id == chat_id, ChatMessage.deleted_at.is_(None)
        )
        if up_to_seq is not None:
            stmt = stmt.where(ChatMessage.seq <= up_to_seq)
        rows = await self.session.scalars(stmt.order_by(ChatMessage.seq.desc()).limit(limit))
        return list(rows.all())[::-1]
