"""Notifications: the owner is the recipient (of the notification, of the subscription)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.envelope import Envelope
from app.notifications.events import NotificationCreated
from app.notifications.models import Notification, NotificationPreference, PushSubscription
from app.users.models import User
from tests.authz.matrix import (
    Actor,
    Case,
    Cast,
    Outcome,
    everyone_signed_in,
    over_websocket,
)
from tests.factories import create_delivery, create_notification, create_push_subscription

STAFF_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: Outcome.FORBIDDEN,
    Actor.MODERATOR: Outcome.ALLOWED,
}


async def owners_notification(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    notification = await create_notification(session, recipient=cast.owner)
    await create_delivery(session, notification=notification)
    return {"v": {"ids": [str(notification.id)]}}


async def owners_subscription(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    subscription = await create_push_subscription(session, user=cast.owner)
    return {"v": {"endpoint": subscription.endpoint}}


async def notification_state(session: AsyncSession, cast: Cast) -> object:
    notifications = (await session.execute(select(Notification.id, Notification.read_at))).all()
    preferences = (await session.execute(select(NotificationPreference.user_id))).all()
    subscriptions = (await session.execute(select(PushSubscription.endpoint))).all()
    return sorted(map(str, notifications)), preferences, sorted(map(str, subscriptions))


async def own_notification(
    session: AsyncSession, user: User, variables: dict[str, Any]
) -> Envelope:
    """A notification of the subscriber's own."""
    mine = await create_notification(session, recipient=user)
    event = NotificationCreated(
        user_id=mine.recipient_id, notification_id=mine.id, notification_type=mine.type
    )
    return Envelope.wrap(event, actor_id=None)


def mutation(name: str, expect: dict[Actor, Outcome], arrange: Any = None) -> Case:
    input_type = f"{name[0].upper()}{name[1:]}Input"
    document = f"mutation($v: {input_type}!) {{ {name}(input: $v) {{ __typename }} }}"
    return Case(
        f"Mutation.{name}",
        document,
        expect,
        arrange=arrange or _constant({}),
        snapshot=notification_state,
    )


def _constant(variables: dict[str, Any]) -> Any:
    async def arrange(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        return {"v": variables}

    return arrange


CASES = [
    Case(
        "Query.notifications",
        "query { notifications(first: 5) { nodes { id title } } }",
        everyone_signed_in(),
        arrange=owners_notification,
    ),
    Case(
        "Query.notificationPreferences",
        "query { notificationPreferences { type email } }",
        everyone_signed_in(),
    ),
    Case(
        "Query.notificationDeliveries",
        "query { notificationDeliveries(first: 5) { nodes { id status } } }",
        STAFF_ONLY,
        arrange=owners_notification,
    ),
    Case(
        "Subscription.notificationAdded",
        "subscription { notificationAdded { id } }",
        everyone_signed_in(),
        trigger=own_notification,
        send=over_websocket,
    ),
    mutation("markNotificationsRead", everyone_signed_in(), owners_notification),
    mutation(
        "updateNotificationPreferences",
        everyone_signed_in(),
        _constant({"preferences": [{"type": "TEAM_DISBANDED", "email": False}]}),
    ),
    mutation(
        "registerPushSubscription",
        everyone_signed_in(
            owner=Outcome.REFUSED, stranger=Outcome.REFUSED, moderator=Outcome.REFUSED
        ),
        _constant(
            {
                "endpoint": "https://fcm.googleapis.com/fcm/send/matrix",
                "keys": {"p256dh": "x", "auth": "y"},
            }
        ),
    ),
    mutation(
        "unregisterPushSubscription",
        {
            Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
            Actor.STRANGER: Outcome.HIDDEN,
            Actor.OWNER: Outcome.ALLOWED,
            Actor.MODERATOR: Outcome.HIDDEN,
        },
        owners_subscription,
    ),
]
