"""What ``chatActivity`` delivers: the changes a chat list shows, one union member each.

Same-named fields have the same type in every member (``chat`` is always a non-null
``Chat``), so a client can select them all in one document without field conflicts.
"""

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


@strawberry.type(description="Чат появился в моём списке: открыт со мной или меня добавили.")
class ChatJoinedActivity:
    chat: Chat


@strawberry.type(description="Я больше не участник: чат уходит из моего списка.")
class ChatLeftActivity:
    chat_id: strawberry.ID


@strawberry.type(description="Чат закрыт: теперь только чтение.")
class ChatClosedActivity:
    chat: Chat


ChatActivity = Annotated[
    ChatMessageActivity
    | ChatTypingActivity
    | ChatReadActivity
    | ChatJoinedActivity
    | ChatLeftActivity
    | ChatClosedActivity,
    strawberry.union(
        "ChatActivity",
        description="Изменение в одном из моих чатов; поля с одним именем у всех вариантов "
        "одного типа, так что их можно выбирать вместе.",
    ),
]
