from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from app.graphql.context import Info
from app.graphql.errors import UserError, maps
from app.graphql.ids import parse_id, to_id
from app.notifications import models
from app.notifications.catalogue import CATALOGUE, Channel, NotificationType
from app.notifications.errors import PushUnavailableError
from app.notifications.models import DeliveryStatus
from app.notifications.preferences import Preference, PreferenceChange
from app.users.types import User

strawberry.enum(NotificationType, name="NotificationType", description="Вид уведомления.")
strawberry.enum(
    Channel, name="NotificationChannel", description="Способ доставки: приложение, почта, push."
)
strawberry.enum(
    DeliveryStatus,
    name="NotificationDeliveryStatus",
    description="Ждёт отправки, отправлено, не удалось (см. lastError) или отменено.",
)


@strawberry.type(description="Уведомление в приложении.")
class Notification:
    id: strawberry.ID
    type: NotificationType
    title: str
    body: str
    link: str = strawberry.field(description="Страница сайта, например `/teams/spartak`.")
    entity_type: str | None = strawberry.field(description="О чём уведомление: team, user, ...")
    entity_id: strawberry.ID | None
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def from_model(cls, notification: models.Notification) -> Notification:
        return cls(
            id=to_id(notification.id),
            type=NotificationType(notification.type),
            title=notification.title,
            body=notification.body,
            link=notification.link,
            entity_type=notification.entity_type,
            entity_id=to_id(notification.entity_id) if notification.entity_id else None,
            created_at=notification.created_at,
            read_at=notification.read_at,
        )

    @strawberry.field
    def is_read(self) -> bool:
        return self.read_at is not None


@strawberry.type(description="Какими способами присылать уведомления одного вида.")
class NotificationPreference:
    type: NotificationType
    label: str = strawberry.field(description="Название вида для страницы настроек.")
    in_app: bool
    email: bool
    push: bool

    @classmethod
    def from_preference(cls, preference: Preference) -> NotificationPreference:
        return cls(
            type=preference.type,
            label=CATALOGUE[preference.type].label,
            in_app=preference.in_app,
            email=preference.email,
            push=preference.push,
        )


@strawberry.type(description="Подписка браузера на push-уведомления.")
class PushSubscription:
    id: strawberry.ID
    endpoint: str
    created_at: datetime

    @classmethod
    def from_model(cls, subscription: models.PushSubscription) -> PushSubscription:
        return cls(
            id=to_id(subscription.id),
            endpoint=subscription.endpoint,
            created_at=subscription.created_at,
        )


@strawberry.type(description="Отправка уведомления по почте или push: для поддержки.")
class NotificationDelivery:
    id: strawberry.ID
    channel: Channel
    status: DeliveryStatus
    target: str = strawberry.field(description="Адрес почты или хост push-сервиса.")
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None = strawberry.field(
        description="Когда будет следующая попытка, пока отправка ждёт."
    )
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    model: strawberry.Private[models.NotificationDelivery]

    @classmethod
    def from_model(cls, delivery: models.NotificationDelivery) -> NotificationDelivery:
        pending = delivery.status is DeliveryStatus.PENDING
        return cls(
            id=to_id(delivery.id),
            channel=delivery.channel,
            status=delivery.status,
            target=delivery.target,
            attempts=delivery.attempts,
            last_error=delivery.last_error,
            next_attempt_at=delivery.next_attempt_at if pending else None,
            created_at=delivery.created_at,
            updated_at=delivery.updated_at,
            sent_at=delivery.sent_at,
            model=delivery,
        )

    @strawberry.field
    async def notification(self, info: Info) -> Notification:
        found = await info.context.loaders.notification_by_id.load(self.model.notification_id)
        if found is None:
            raise RuntimeError(f"delivery {self.model.id} without its notification")
        return Notification.from_model(found)

    @strawberry.field
    async def recipient(self, info: Info) -> User:
        user = await info.context.loaders.user_by_id.load(self.model.recipient_id)
        if user is None:
            raise RuntimeError(f"delivery {self.model.id} without its recipient")
        return User.from_model(user)


@strawberry.input(description="Ровно одно из двух: ids или all: true.")
class MarkNotificationsReadInput:
    ids: list[strawberry.ID] | None = None
    all: bool = False

    def to_ids(self) -> list[uuid.UUID] | None:
        """Ids that cannot be UUIDs name no notification and are dropped."""
        if self.ids is None:
            return None
        return [parsed for value in self.ids if (parsed := parse_id(value)) is not None]


@strawberry.input(description="Не переданный способ остаётся как был.")
class NotificationPreferenceInput:
    type: NotificationType
    in_app: bool | None = None
    email: bool | None = None
    push: bool | None = None

    def to_change(self) -> PreferenceChange:
        return PreferenceChange(self.type, self.in_app, self.email, self.push)


@strawberry.input
class UpdateNotificationPreferencesInput:
    preferences: list[NotificationPreferenceInput]


@strawberry.input(description="Ключи из PushSubscription.toJSON() браузера.")
class PushSubscriptionKeysInput:
    p256dh: str
    auth: str


@strawberry.input
class RegisterPushSubscriptionInput:
    endpoint: str
    keys: PushSubscriptionKeysInput


@strawberry.input
class UnregisterPushSubscriptionInput:
    endpoint: str


@strawberry.type
class MarkNotificationsReadPayload:
    marked_count: int = strawberry.field(
        description="Сколько отмечено этим вызовом; уже прочитанные и чужие не считаются."
    )
    unread_count: int


@strawberry.type
class UpdateNotificationPreferencesPayload:
    preferences: list[NotificationPreference]


@strawberry.type
class RegisterPushSubscriptionPayload:
    subscription: PushSubscription


@strawberry.type
class UnregisterPushSubscriptionPayload:
    endpoint: str


@maps(PushUnavailableError)
@strawberry.type
class PushUnavailable(UserError):
    pass
