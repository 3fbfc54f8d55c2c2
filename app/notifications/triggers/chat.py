"""Chat mentions: a member named with ``@nickname`` in a message, or added by an edit, hears
about it (not the sender, not someone outside the chat)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.chat import mentions
from app.chat.events import ChatMessageEdited, ChatMessagePosted
from app.chat.models import Chat, ChatKind
from app.notifications.catalogue import NotificationType
from app.notifications.service import Entity, Notice
from app.notifications.triggers.base import Trigger, name_of
from app.teams import service as teams

EXCERPT = 200


async def mentioned(
    session: AsyncSession, event: ChatMessagePosted | ChatMessageEdited
) -> list[Notice]:
    """On an edit, only the nicknames it added: the others heard of the message already."""
    among = event.added_mentions if isinstance(event, ChatMessageEdited) else None
    if among == []:
        return []
    found = await mentions.mentions_in(session, event.message_id, among)
    if found is None or not found.mentioned_ids:
        return []
    sender = await name_of(session, found.sender_id)
    name = await _chat_name(session, found.chat)
    where = f" в чате «{name}»" if name else " в чате"
    text = found.text if len(found.text) <= EXCERPT else found.text[: EXCERPT - 1] + "…"
    return [
        Notice(
            type=NotificationType.CHAT_MENTION,
            recipients=found.mentioned_ids,
            title=f"{sender} упоминает вас{where}",
            body=text,
            link=f"/chats/{event.chat_id}",
            entity=Entity("chat", event.chat_id),
        )
    ]


async def _chat_name(session: AsyncSession, chat: Chat) -> str | None:
    """A team chat is named after its team (as the chat list shows it), the others by title."""
    if chat.kind is ChatKind.TEAM and chat.subject_id is not None:
        team = (await teams.teams_by_id(session, [chat.subject_id])).get(chat.subject_id)
        return team.name if team else None
    return chat.title


TRIGGERS: dict[type, Trigger] = {ChatMessagePosted: mentioned, ChatMessageEdited: mentioned}
