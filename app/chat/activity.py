"""What ``chatActivity`` delivers: the changes a chat list shows, one union member each."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

import strawberry

from app.chat.types import Chat, ChatMessage
from app.graphql.context import Info
from app.users.types import User


@strawberry.enum(description="Что случилось с сообщением.")
class ChatMessageChange(StrEnum):
    POSTED = "POSTED"
    EDITED = "EDITED"
    DELETED = "DELETED"


@strawberry.enum(description="Что случилось с моим участием в чате.")
class ChatMembershipChange(StrEnum):
    JOINED = "JOINED"
    """The chat appeared in my list (opened with me in it, or I was added)."""
    LEFT = "LEFT"
    """I am no longer a member; the chat leaves my list."""
    CLOSED = "CLOSED"
    """The chat became read-only."""


@strawberry.type(description="Новое, исправленное или удалённое сообщение в одном из моих чатов.")
class ChatMessageActivity:
    change: ChatMessageChange
    chat: Chat
    message: ChatMessage


@strawberry.type(description="Кто-то печатает; показывать до until.")
class ChatTypingActivity:
    chat_id: strawberry.ID
    until: datetime
    user_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def user(self, info: Info) -> User:
        user = await info.context.loaders.user_by_id.load(self.user_id)
        if user is None:
            raise RuntimeError(f"dangling user reference {self.user_id}")
        return User.from_model(user)


@strawberry.type(
    description="Я прочитал чат на другом устройстве: счётчик непрочитанного изменился."
)
class ChatReadActivity:
    chat: Chat


@strawberry.type
class ChatMembershipActivity:
    change: ChatMembershipChange
    chat_id: strawberry.ID
    chat: Chat | None = strawberry.field(description="null, если я больше не участник.")


ChatActivity = Annotated[
    ChatMessageActivity | ChatTypingActivity | ChatReadActivity | ChatMembershipActivity,
    strawberry.union("ChatActivity"),
]
