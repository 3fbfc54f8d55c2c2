"""Who a chat message mentions: ``@nickname`` of a member of the chat, other than the sender.

``@ai`` is the team assistant's call (``app.ai.flows.team_chatbot``), not a person.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.chat.models import Chat
from app.chat.repository import ChatRepository, MemberRepository, MessageRepository
from app.users import service as users

MENTION = re.compile(r"(?<![\w@.\-])@([\w.\-]{3,30})")
NOT_PEOPLE = {"ai"}


@dataclass(frozen=True, slots=True)
class Mention:
    chat: Chat
    sender_id: uuid.UUID
    text: str
    mentioned_ids: list[uuid.UUID]


def nicknames_in(text: str) -> list[str]:
    """Mentioned nicknames, lower-cased, in order, once each; a sentence's final dot is not part
    of a nickname."""
    found = (m.group(1).rstrip(".-").lower() for m in MENTION.finditer(text))
    return list(dict.fromkeys(n for n in found if len(n) >= 3 and n not in NOT_PEOPLE))


async def mentions_in(
    session: AsyncSession, message_id: uuid.UUID, among: Collection[str] | None = None
) -> Mention | None:
    """The members a person's message mentions (by the nicknames in ``among``, if given);
    ``None`` for a deleted or assistant's message."""
    message = await MessageRepository(session).get(message_id)
    if message is None or message.sender_id is None or message.text is None:
        return None
    chat = await ChatRepository(session).get_many([message.chat_id])
    names = [n for n in nicknames_in(message.text) if among is None or n in among]
    owners = await users.ids_by_nickname(session, names)
    members = set(await MemberRepository(session).user_ids(message.chat_id))
    people = dict.fromkeys(owners[n] for n in names if n in owners)
    mentioned = [u for u in people if u in members and u != message.sender_id]
    return Mention(chat[0], message.sender_id, message.text, mentioned)
