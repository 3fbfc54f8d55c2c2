from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import strawberry

from app.chat import messages, service, streams
from app.chat.activity import ChatActivity
from app.chat.inputs import (
    DeleteChatMessageInput,
    EditChatMessageInput,
    MarkChatReadInput,
    SendChatMessageInput,
    SetTypingInput,
    message_id_field,
)
from app.chat.limits import CHANGE_PER_USER, SEND_PER_USER, TYPING_PER_USER
from app.chat.results import (
    ChatClosed,
    ChatMessageDeleted,
    DeleteChatMessagePayload,
    EditChatMessagePayload,
    MarkChatReadPayload,
    MessagingNotAllowed,
    SendChatMessagePayload,
    SetTypingPayload,
)
from app.chat.types import Chat, ChatMessage
from app.errors import BadRequestError
from app.events.envelope import Envelope
from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import parse_id, require_id, to_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest
from app.ratelimit.types import RateLimited

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]
Last = Annotated[int, strawberry.argument(description="Сколько сообщений до курсора (1–100).")]

SendChatMessageResult = Annotated[
    SendChatMessagePayload
    | ValidationFailed
    | NotFound
    | MessagingNotAllowed
    | ChatClosed
    | RateLimited,
    strawberry.union("SendChatMessageResult"),
]
EditChatMessageResult = Annotated[
    EditChatMessagePayload
    | ValidationFailed
    | NotFound
    | ChatMessageDeleted
    | ChatClosed
    | RateLimited,
    strawberry.union("EditChatMessageResult"),
]
DeleteChatMessageResult = Annotated[
    DeleteChatMessagePayload | NotFound | ChatClosed | RateLimited,
    strawberry.union("DeleteChatMessageResult"),
]
MarkChatReadResult = Annotated[
    MarkChatReadPayload | ValidationFailed | NotFound,
    strawberry.union("MarkChatReadResult"),
]
SetTypingResult = Annotated[
    SetTypingPayload | NotFound | ChatClosed | RateLimited,
    strawberry.union("SetTypingResult"),
]


@strawberry.type
class ChatQuery:
    @strawberry.field(permission_classes=authenticated(), description="Мои чаты, свежие первыми.")
    async def chats(
        self, info: Info, first: First = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[Chat]:
        page = await service.list_chats(
            info.context.session, info.context.actor(), page=PageRequest(first=first, after=after)
        )
        return Connection.from_page(page, Chat.from_model)

    @strawberry.field(permission_classes=authenticated(), description="Чат, если я в нём состою.")
    async def chat(self, info: Info, id: strawberry.ID) -> Chat | None:
        chat_id = parse_id(id)
        chat = (
            await service.get_chat(info.context.session, info.context.actor(), chat_id)
            if chat_id
            else None
        )
        return Chat.from_model(chat) if chat else None

    @strawberry.field(
        permission_classes=authenticated(), description="Мой личный чат с пользователем."
    )
    async def direct_chat(self, info: Info, user_id: strawberry.ID) -> Chat | None:
        other = parse_id(user_id)
        chat = (
            await service.direct_chat(info.context.session, info.context.actor(), other)
            if other
            else None
        )
        return Chat.from_model(chat) if chat else None

    @strawberry.field(
        permission_classes=authenticated(),
        description="История чата назад от курсора before (по умолчанию от новых); "
        "сообщения по порядку, старые первыми; hasPreviousPage — есть ли более ранние.",
    )
    async def chat_messages(
        self,
        info: Info,
        chat_id: strawberry.ID,
        last: Last = DEFAULT_PAGE_SIZE,
        before: str | None = None,
    ) -> Connection[ChatMessage] | None:
        parsed = parse_id(chat_id)
        request = PageRequest(first=last, after=before)
        page = (
            await service.list_messages(
                info.context.session, info.context.actor(), parsed, page=request
            )
            if parsed
            else None
        )
        if page is None:
            return None
        await ChatMessage.prefetch(info, page.items, under="nodes")
        return Connection.from_page(page, ChatMessage.from_model)


@strawberry.type
class ChatMutation:
    @mutation(
        permission_classes=authenticated(),
        rate_limits=[SEND_PER_USER],
        description="Отправить сообщение в чат или лично пользователю.",
    )
    async def send_chat_message(
        self, info: Info, input: SendChatMessageInput
    ) -> SendChatMessageResult:
        context = info.context
        message = await messages.send_message(
            context.session, context.actor(), input.to_target(), input.to_draft(), now=context.now()
        )
        chat = await context.loaders.chat_by_id.load(message.chat_id)
        assert chat is not None
        return SendChatMessagePayload(
            chat_message=ChatMessage.from_model(message), chat=Chat.from_model(chat)
        )

    @mutation(
        permission_classes=authenticated(),
        rate_limits=[CHANGE_PER_USER],
        description="Исправить своё сообщение.",
    )
    async def edit_chat_message(
        self, info: Info, input: EditChatMessageInput
    ) -> EditChatMessageResult:
        context = info.context
        message = await messages.edit_message(
            context.session,
            context.actor(),
            require_id(input.message_id),
            input.text,
            now=context.now(),
        )
        return EditChatMessagePayload(chat_message=ChatMessage.from_model(message))

    @mutation(
        permission_classes=authenticated(),
        rate_limits=[CHANGE_PER_USER],
        description="Удалить своё сообщение.",
    )
    async def delete_chat_message(
        self, info: Info, input: DeleteChatMessageInput
    ) -> DeleteChatMessageResult:
        context = info.context
        message = await messages.delete_message(
            context.session, context.actor(), require_id(input.message_id), now=context.now()
        )
        return DeleteChatMessagePayload(chat_message=ChatMessage.from_model(message))

    @mutation(
        permission_classes=authenticated(), description="Отметить чат прочитанным до сообщения."
    )
    async def mark_chat_read(self, info: Info, input: MarkChatReadInput) -> MarkChatReadResult:
        context = info.context
        chat = await messages.mark_read(
            context.session,
            context.actor(),
            require_id(input.chat_id),
            message_id_field("messageId", input.message_id),
            now=context.now(),
        )
        return MarkChatReadPayload(chat=Chat.from_model(chat))

    @mutation(
        permission_classes=authenticated(),
        rate_limits=[TYPING_PER_USER],
        description="Сообщить собеседникам, что я печатаю (ничего не сохраняется).",
    )
    async def set_typing(self, info: Info, input: SetTypingInput) -> SetTypingResult:
        context = info.context
        actor = context.actor()
        notice = await messages.typing(
            context.session, actor, require_id(input.chat_id), now=context.now()
        )
        await context.container.events.broadcast(Envelope.wrap(notice, actor_id=actor.user_id))
        return SetTypingPayload(chat_id=to_id(notice.chat_id), until=notice.until)


@strawberry.type
class ChatSubscription:
    @strawberry.subscription(
        permission_classes=authenticated(),
        description="Новые сообщения чата (только участникам). С after сначала придут "
        "пропущенные после этого сообщения, по порядку и без повторов. Поток завершается, "
        "когда я покидаю чат или чат закрывается.",
    )
    async def chat_message_added(
        self, info: Info, chat_id: strawberry.ID, after: strawberry.ID | None = None
    ) -> AsyncIterator[ChatMessage]:
        after_id = parse_id(after) if after is not None else None
        if after is not None and after_id is None:
            raise BadRequestError("Некорректный идентификатор сообщения в after")
        async for message in streams.messages(info.context, require_id(chat_id), after_id):
            yield message

    @strawberry.subscription(
        permission_classes=authenticated(),
        description="Изменения в моих чатах для списка чатов: сообщения, правки, удаления, "
        "«печатает», прочтения на других устройствах, вход и выход из чатов.",
    )
    async def chat_activity(self, info: Info) -> AsyncIterator[ChatActivity]:
        async for item in streams.activity(info.context):
            yield item
