from __future__ import annotations

import uuid

import strawberry

from app.chat.messages import NOT_IN_CHAT, Draft, Target
from app.errors import FieldCode, FieldIssue, ValidationError
from app.graphql.ids import parse_id, require_id


def message_id_field(path: str, value: strawberry.ID) -> uuid.UUID:
    """A malformed id names no message of the chat: the same field error as an unknown one."""
    parsed = parse_id(value)
    if parsed is None:
        raise ValidationError([FieldIssue(path, FieldCode.NOT_FOUND, NOT_IN_CHAT)])
    return parsed


@strawberry.input(description="Ровно одно из chatId и recipientId.")
class SendChatMessageInput:
    chat_id: strawberry.ID | None = None
    recipient_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Написать пользователю лично: первое сообщение откроет чат, "
        "если пользователь принимает сообщения от вас.",
    )
    text: str = strawberry.field(description="1–2000 символов; пробелы по краям обрезаются.")
    client_message_id: str = strawberry.field(
        description="Уникален у отправителя (до 64 символов): повтор с тем же значением "
        "вернёт уже сохранённое сообщение."
    )
    reply_to_id: strawberry.ID | None = None

    def to_target(self) -> Target:
        return Target(
            chat_id=require_id(self.chat_id) if self.chat_id is not None else None,
            recipient_id=require_id(self.recipient_id) if self.recipient_id is not None else None,
        )

    def to_draft(self) -> Draft:
        reply_to = self.reply_to_id
        return Draft(
            text=self.text,
            client_message_id=self.client_message_id,
            reply_to_id=message_id_field("replyToId", reply_to) if reply_to else None,
        )


@strawberry.input
class EditChatMessageInput:
    message_id: strawberry.ID
    text: str


@strawberry.input
class DeleteChatMessageInput:
    message_id: strawberry.ID


@strawberry.input(description="Всё до этого сообщения включительно прочитано.")
class MarkChatReadInput:
    chat_id: strawberry.ID
    message_id: strawberry.ID


@strawberry.input
class SetTypingInput:
    chat_id: strawberry.ID
