from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.permissions import authenticated
from app.notifications import preferences, push_subscriptions, service
from app.notifications.limits import REGISTER_PUSH_PER_USER
from app.notifications.types import (
    MarkNotificationsReadInput,
    MarkNotificationsReadPayload,
    NotificationPreference,
    PushSubscription,
    PushUnavailable,
    RegisterPushSubscriptionInput,
    RegisterPushSubscriptionPayload,
    UnregisterPushSubscriptionInput,
    UnregisterPushSubscriptionPayload,
    UpdateNotificationPreferencesInput,
    UpdateNotificationPreferencesPayload,
)
from app.ratelimit.types import RateLimited

MarkNotificationsReadResult = Annotated[
    MarkNotificationsReadPayload | ValidationFailed,
    strawberry.union("MarkNotificationsReadResult"),
]
UpdateNotificationPreferencesResult = Annotated[
    UpdateNotificationPreferencesPayload | ValidationFailed,
    strawberry.union("UpdateNotificationPreferencesResult"),
]
RegisterPushSubscriptionResult = Annotated[
    RegisterPushSubscriptionPayload | ValidationFailed | PushUnavailable | RateLimited,
    strawberry.union("RegisterPushSubscriptionResult"),
]
UnregisterPushSubscriptionResult = Annotated[
    UnregisterPushSubscriptionPayload | NotFound,
    strawberry.union("UnregisterPushSubscriptionResult"),
]


@strawberry.type
class NotificationMutation:
    @mutation(permission_classes=authenticated(), description="Отметить уведомления прочитанными.")
    async def mark_notifications_read(
        self, info: Info, input: MarkNotificationsReadInput
    ) -> MarkNotificationsReadResult:
        context = info.context
        session, actor = context.session, context.actor()
        marked = await service.mark_read(
            session, actor, input.to_ids(), everything=input.all, now=context.now()
        )
        return MarkNotificationsReadPayload(
            marked_count=marked, unread_count=await service.unread_count(session, actor)
        )

    @mutation(
        permission_classes=authenticated(),
        description="Включить или выключить способы доставки для видов уведомлений.",
    )
    async def update_notification_preferences(
        self, info: Info, input: UpdateNotificationPreferencesInput
    ) -> UpdateNotificationPreferencesResult:
        context = info.context
        updated = await preferences.update_preferences(
            context.session,
            context.actor(),
            [change.to_change() for change in input.preferences],
            now=context.now(),
        )
        return UpdateNotificationPreferencesPayload(
            preferences=[NotificationPreference.from_preference(p) for p in updated]
        )

    @mutation(
        permission_classes=authenticated(),
        rate_limits=[REGISTER_PUSH_PER_USER],
        description="Получать push-уведомления в этом браузере.",
    )
    async def register_push_subscription(
        self, info: Info, input: RegisterPushSubscriptionInput
    ) -> RegisterPushSubscriptionResult:
        context = info.context
        settings = context.container.settings
        subscription = await push_subscriptions.register_push_subscription(
            context.session,
            context.actor(),
            input.endpoint,
            input.keys.p256dh,
            input.keys.auth,
            now=context.now(),
            settings=settings.push,
            max_per_user=settings.notifications.max_push_subscriptions,
        )
        return RegisterPushSubscriptionPayload(
            subscription=PushSubscription.from_model(subscription)
        )

    @mutation(permission_classes=authenticated(), description="Не присылать push в этот браузер.")
    async def unregister_push_subscription(
        self, info: Info, input: UnregisterPushSubscriptionInput
    ) -> UnregisterPushSubscriptionResult:
        context = info.context
        await push_subscriptions.unregister_push_subscription(
            context.session, context.actor(), input.endpoint, now=context.now()
        )
        return UnregisterPushSubscriptionPayload(endpoint=input.endpoint.strip())
