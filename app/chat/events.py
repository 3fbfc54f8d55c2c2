"""Chat events, keyed by the chat id so that one chat's events arrive in order.

Each names the hub channels it feeds: ``chat-activity:<user id>`` of the members concerned
(their chat lists: ``chatActivity``) and, for what open chats need (new messages, a member
leaving, closing), ``chat:<id>`` (``chatMessageAdded``). Members are listed in the payload so
that every API replica routes an event without reading the database.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from app.events import Event

TOPIC = "prodvor.chat"
TYPING_TOPIC = "prodvor.chat.typing"


def chat_channel(chat_id: uuid.UUID) -> str:
    return f"chat:{chat_id}"


def activity_channel(user_id: uuid.UUID) -> str:
    return f"chat-activity:{user_id}"


class ChatEvent(Event):
    topic = TOPIC

    chat_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.chat_id)


class _FannedOut(ChatEvent):
    member_ids: list[uuid.UUID]
    """Members after the change: whose chat lists hear about it."""

    def channels(self) -> list[str]:
        return [activity_channel(member) for member in self.member_ids]


class _ForOpenChats(_FannedOut):
    def channels(self) -> list[str]:
        return [chat_channel(self.chat_id), *super().channels()]


class ChatOpened(_FannedOut):
    type = "chat.opened"

    kind: str
    subject_id: uuid.UUID | None


class ChatMemberJoined(ChatEvent):
    """The user's chat list gains the chat (the others' lists need no news of it)."""

    type = "chat.member_joined"

    user_id: uuid.UUID

    def channels(self) -> list[str]:
        return [activity_channel(self.user_id)]


class ChatMemberLeft(ChatEvent):
    """Ends the user's open subscriptions of the chat and drops it from their list."""

    type = "chat.member_left"

    user_id: uuid.UUID

    def channels(self) -> list[str]:
        return [chat_channel(self.chat_id), activity_channel(self.user_id)]


class ChatClosed(_ForOpenChats):
    """No more messages: open subscriptions of the chat end."""

    type = "chat.closed"


class _MessageEvent(_FannedOut):
    message_id: uuid.UUID
    seq: int
    sender_id: uuid.UUID | None
    """``None`` for the AI assistant's answers."""


class ChatMessagePosted(_MessageEvent, _ForOpenChats):
    type = "chat.message_posted"


class ChatMessageEdited(_MessageEvent):
    type = "chat.message_edited"

    added_mentions: list[str] = Field(default_factory=list)
    """Nicknames the new text mentions and the old one did not: only they hear about it."""


class ChatMessageDeleted(_MessageEvent):
    type = "chat.message_deleted"


class ChatRead(ChatEvent):
    """The member's read position moved; only their own devices need to know."""

    type = "chat.read"

    user_id: uuid.UUID
    seq: int

    def channels(self) -> list[str]:
        return [activity_channel(self.user_id)]


class ChatTyping(_FannedOut):
    """Someone is typing. Ephemeral: broadcast to the hubs directly, never stored.

    Its own topic keeps it out of the durable chat log that workers consume.
    """

    type = "chat.typing"
    topic = TYPING_TOPIC

    user_id: uuid.UUID
    until: datetime

    def channels(self) -> list[str]:
        return [activity_channel(member) for member in self.member_ids if member != self.user_id]
