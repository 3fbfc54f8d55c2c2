from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from app.errors import BadRequestError
from app.graphql.context import Info
from app.graphql.ids import parse_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated, staff_only
from app.graphql.subscriptions import channel_events, event_session
from app.notifications import deliveries, preferences, push, service
from app.notifications.catalogue import Channel
from app.notifications.events import NotificationCreated, inbox_channel
from app.notifications.models import DeliveryStatus
from app.notifications.types import Notification, NotificationDelivery, NotificationPreference
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]


@strawberry.type
class NotificationQuery:
    @strawberry.field(
        permission_classes=authenticated(), description="Мои уведомления, новые первыми."
    )
    async def notifications(
        self,
        info: Info,
        unread_only: bool = False,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Notification]:
        page = await service.list_notifications(
            info.context.session,
            info.context.actor(),
            unread_only=unread_only,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, Notification.from_model)

    @strawberry.field(
        permission_classes=authenticated(), description="Сколько у меня непрочитанных."
    )
    async def unread_notification_count(self, info: Info) -> int:
        return await service.unread_count(info.context.session, info.context.actor())

    @strawberry.field(
        permission_classes=authenticated(),
        description="Мои настройки уведомлений: по каждому виду и способу доставки.",
    )
    async def notification_preferences(self, info: Info) -> list[NotificationPreference]:
        chosen = await preferences.preferences_of(info.context.session, info.context.actor())
        return [NotificationPreference.from_preference(p) for p in chosen]

    @strawberry.field(
        permission_classes=authenticated(),
        description="Ключ сервера (VAPID) для PushManager.subscribe; null, если push выключен.",
    )
    def web_push_public_key(self, info: Info) -> str | None:
        return push.public_key(info.context.container.settings.push)

    @strawberry.field(
        permission_classes=staff_only(),
        description="Отправки уведомлений по почте и push, новые первыми: для поддержки.",
    )
    async def notification_deliveries(
        self,
        info: Info,
        recipient_id: strawberry.ID | None = None,
        status: DeliveryStatus | None = None,
        channel: Channel | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[NotificationDelivery]:
        page = await deliveries.list_deliveries(
            info.context.session,
            info.context.actor(),
            recipient_id=_filter_id(recipient_id),
            status=status,
            channel=channel,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, NotificationDelivery.from_model)


@strawberry.type
class NotificationSubscription:
    @strawberry.subscription(
        permission_classes=authenticated(), description="Новые уведомления в приложении."
    )
    async def notification_added(self, info: Info) -> AsyncGenerator[Notification, None]:
        actor = info.context.actor()
        async for envelope in channel_events(info.context, inbox_channel(actor.user_id)):
            event = envelope.event()
            if not isinstance(event, NotificationCreated):
                continue
            async with event_session(info.context) as session:
                found = await service.get_notification(session, actor, event.notification_id)
            if found is not None:
                yield Notification.from_model(found)


def _filter_id(value: strawberry.ID | None) -> uuid.UUID | None:
    if value is None:
        return None
    parsed = parse_id(value)
    if parsed is None:
        raise BadRequestError("Некорректный идентификатор в фильтре")
    return parsed
