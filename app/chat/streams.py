"""The chat subscriptions' streams: authorisation, replay of missed messages, live delivery.

``chatMessageAdded`` subscribes to the hub before it checks membership and reads what the
client missed, so no message can fall between the replay and the live stream; live events
already replayed are skipped by their number. A member who leaves, or a chat that closes,
ends the stream: those events travel on the chat's channel in the chat's order.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

from app.chat import service
from app.chat.activity import (
    ChatActivity,
    ChatClosedActivity,
    ChatJoinedActivity,
    ChatLeftActivity,
    ChatMessageActivity,
    ChatMessageChange,
    ChatReadActivity,
    ChatTypingActivity,
)
from app.chat.events import (
    ChatClosed,
    ChatEvent,
    ChatMemberJoined,
    ChatMemberLeft,
    ChatMessageDeleted,
    ChatMessageEdited,
    ChatMessagePosted,
    ChatOpened,
    ChatRead,
    ChatTyping,
    activity_channel,
    chat_channel,
)
from app.chat.models import Chat as ChatModel
from app.chat.models import ChatMessage as MessageModel
from app.chat.types import Chat, ChatMessage
from app.events import Event
from app.events.envelope import Envelope
from app.graphql.context import Context, Loaders
from app.graphql.ids import to_id
from app.graphql.subscriptions import channel_events, event_scope, event_session
from app.users.models import User

MESSAGE_CHANGES: dict[type[Event], ChatMessageChange] = {
    ChatMessagePosted: ChatMessageChange.POSTED,
    ChatMessageEdited: ChatMessageChange.EDITED,
    ChatMessageDeleted: ChatMessageChange.DELETED,
}


@dataclass(frozen=True)
class Delivery:
    """What an event's subscribers on this replica all need, loaded once (``hub.shared``)."""

    chat: ChatModel | None
    message: MessageModel | None = None
    reply_to: MessageModel | None = None
    users: tuple[User, ...] = ()

    def prime(self, loaders: Loaders) -> None:
        if self.chat is not None:
            loaders.chat_by_id.prime(self.chat.id, self.chat)
        for message in (self.message, self.reply_to):
            if message is not None:
                loaders.chat_message_by_id.prime(message.id, message)
                loaders.chat_message_by_number.prime((message.chat_id, message.seq), message)
        for user in self.users:
            loaders.user_by_id.prime(user.id, user)


async def messages(
    context: Context, chat_id: uuid.UUID, after: uuid.UUID | None
) -> AsyncIterator[ChatMessage]:
    actor = context.actor()
    async with context.container.hub.subscribe(chat_channel(chat_id)) as live:
        async with event_session(context) as session:
            start = await service.stream_start(session, actor, chat_id, after)
        last = start.after_seq
        while True:
            async with event_scope(context):
                batch = await service.missed_messages(context.session, actor, chat_id, last)
                for message in batch:
                    last = message.seq
                    yield ChatMessage.from_model(message)
            if len(batch) < service.REPLAY_BATCH:
                break
        if start.closed:
            return
        async for envelope in live:
            event = envelope.event()
            if _ends_stream(event, actor.user_id):
                return
            if not isinstance(event, ChatMessagePosted) or event.seq <= last:
                continue
            delivery = await _delivery(context, envelope)
            if delivery.message is None:
                continue
            last = event.seq
            async with event_scope(context) as loaders:
                delivery.prime(loaders)
                yield ChatMessage.from_model(delivery.message)


async def activity(context: Context) -> AsyncIterator[ChatActivity]:
    user_id = context.actor().user_id
    async for envelope in channel_events(context, activity_channel(user_id)):
        event = envelope.event()
        if isinstance(event, ChatMemberLeft):
            yield ChatLeftActivity(chat_id=to_id(event.chat_id))
            continue
        delivery = await _delivery(context, envelope)
        async with event_scope(context) as loaders:
            delivery.prime(loaders)
            item = _activity(event, delivery)
            if item is not None:
                yield item


def _ends_stream(event: Event, user_id: uuid.UUID) -> bool:
    left = isinstance(event, ChatMemberLeft) and event.user_id == user_id
    return left or isinstance(event, ChatClosed)


def _activity(event: Event, delivery: Delivery) -> ChatActivity | None:
    if delivery.chat is None:
        return None
    chat = Chat.from_model(delivery.chat)
    change = MESSAGE_CHANGES.get(type(event))
    if change is not None and delivery.message is not None:
        message = ChatMessage.from_model(delivery.message)
        return ChatMessageActivity(change=change, chat=chat, message=message)
    if isinstance(event, ChatTyping):
        return ChatTypingActivity(chat_id=chat.id, until=event.until, user_id=event.user_id)
    if isinstance(event, ChatRead):
        return ChatReadActivity(chat=chat)
    if isinstance(event, ChatOpened | ChatMemberJoined):
        return ChatJoinedActivity(chat=chat)
    if isinstance(event, ChatClosed):
        return ChatClosedActivity(chat=chat)
    return None


async def _delivery(context: Context, envelope: Envelope) -> Delivery:
    async def load() -> Delivery:
        event = envelope.event()
        assert isinstance(event, ChatEvent)
        return await _load_delivery(context, event)

    return await context.container.hub.shared.get(envelope.id, load)


async def _load_delivery(context: Context, event: ChatEvent) -> Delivery:
    async with event_session(context) as session:
        loaders = Loaders(session)
        chat = await loaders.chat_by_id.load(event.chat_id)
        message_id = getattr(event, "message_id", None)
        message = await loaders.chat_message_by_id.load(message_id) if message_id else None
        reply_to = None
        if message is not None and message.reply_to_seq is not None:
            key = (message.chat_id, message.reply_to_seq)
            reply_to = await loaders.chat_message_by_number.load(key)
        user_ids = {
            m.sender_id for m in (message, reply_to) if m is not None and m.sender_id is not None
        }
        if isinstance(event, ChatTyping):
            user_ids.add(event.user_id)
        users = await loaders.user_by_id.load_many(sorted(user_ids))
    return Delivery(chat, message, reply_to, tuple(u for u in users if u is not None))
