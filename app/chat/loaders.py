from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.chat.models import Chat, ChatMember, ChatMessage
from app.chat.repository import ChatRepository, MemberRepository, MessageRepository

LISTED_MEMBERS = 100
"""Members loaded per chat; a chat shows at most this many at once (``memberCount`` has all)."""

MemberKey = tuple[uuid.UUID, uuid.UUID]
"""``(chat_id, user_id)``."""
NumberKey = tuple[uuid.UUID, int]
"""``(chat_id, seq)``: a message by its place in its chat."""


async def load_chats_by_id(session: AsyncSession, keys: Sequence[uuid.UUID]) -> list[Chat | None]:
    chats = {chat.id: chat for chat in await ChatRepository(session).get_many(keys)}
    return [chats.get(key) for key in keys]


async def load_chat_members_by_chat_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[ChatMember]]:
    members: defaultdict[uuid.UUID, list[ChatMember]] = defaultdict(list)
    for member in await MemberRepository(session).of_chats(keys, limit=LISTED_MEMBERS):
        members[member.chat_id].append(member)
    return [members[key] for key in keys]


@dataclass(frozen=True, slots=True)
class ChatTally:
    members: int
    unread: int
    """Others' messages, not deleted, after the member's read position."""


async def load_chat_tallies_by_member(
    session: AsyncSession, keys: Sequence[MemberKey]
) -> list[ChatTally]:
    """Grouped by user: one query per viewer (there is one viewer per operation)."""
    chats_of: defaultdict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for chat_id, user_id in keys:
        chats_of[user_id].append(chat_id)
    tallies: dict[MemberKey, ChatTally] = {}
    repo = MemberRepository(session)
    for user_id, chat_ids in chats_of.items():
        for chat_id, (members, unread) in (await repo.tallies(user_id, chat_ids)).items():
            tallies[(chat_id, user_id)] = ChatTally(members, unread)
    return [tallies.get(key, ChatTally(0, 0)) for key in keys]


async def load_chat_messages_by_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[ChatMessage | None]:
    messages = {m.id: m for m in await MessageRepository(session).get_many(keys)}
    return [messages.get(key) for key in keys]


async def load_chat_messages_by_number(
    session: AsyncSession, keys: Sequence[NumberKey]
) -> list[ChatMessage | None]:
    messages = {(m.chat_id, m.seq): m for m in await MessageRepository(session).by_numbers(keys)}
    return [messages.get(key) for key in keys]
