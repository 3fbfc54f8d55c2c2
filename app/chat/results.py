"""Mutation payloads and the typed errors that share their result unions.

Payloads name the message ``chatMessage``: ``message`` is every ``UserError``'s text, and a
client selecting both in one result would get a field conflict.
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from app.chat.errors import ChatClosedError, ChatMessageDeletedError, MessagingNotAllowedError
from app.chat.types import Chat, ChatMessage
from app.graphql.errors import UserError, maps


@strawberry.type
class SendChatMessagePayload:
    chat_message: ChatMessage
    chat: Chat


@strawberry.type
class EditChatMessagePayload:
    chat_message: ChatMessage


@strawberry.type
class DeleteChatMessagePayload:
    chat_message: ChatMessage = strawberry.field(description="Оставшаяся от сообщения отметка.")


@strawberry.type
class MarkChatReadPayload:
    chat: Chat


@strawberry.type
class SetTypingPayload:
    chat_id: strawberry.ID
    until: datetime = strawberry.field(
        description="До какого момента собеседники видят «печатает»; повторяйте, пока пишете."
    )


@maps(MessagingNotAllowedError)
@strawberry.type
class MessagingNotAllowed(UserError):
    pass


@maps(ChatClosedError)
@strawberry.type
class ChatClosed(UserError):
    pass


@maps(ChatMessageDeletedError)
@strawberry.type
class ChatMessageDeleted(UserError):
    pass
