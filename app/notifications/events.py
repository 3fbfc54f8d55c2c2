"""Notification events, keyed by the recipient so one user's events stay in order."""

from __future__ import annotations

import uuid

from app.events import Event

TOPIC = "prodvor.notifications"


def inbox_channel(user_id: uuid.UUID) -> str:
    """The real-time hub channel of one user's in-app notifications."""
    return f"notifications:{user_id}"


class _UserEvent(Event):
    topic = TOPIC

    user_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.user_id)


class NotificationCreated(_UserEvent):
    """A notification appeared in the user's in-app list (feeds ``notificationAdded``)."""

    type = "notification.created"

    notification_id: uuid.UUID
    notification_type: str

    def channels(self) -> list[str]:
        return [inbox_channel(self.user_id)]


class NotificationsRead(_UserEvent):
    type = "notification.read"

    count: int
    everything: bool
    """All unread ones at once; then ``notification_ids`` is empty rather than unbounded."""
    notification_ids: list[uuid.UUID]
    """The ones marked, when the caller named them."""


class NotificationPreferencesUpdated(_UserEvent):
    type = "notification.preferences_updated"

    changes: list[str]
    """``TYPE:CHANNEL:on|off`` for every choice that changed."""
    via: str
    """``SETTINGS`` (the API) or ``UNSUBSCRIBE_LINK`` (an email's link)."""


class PushSubscriptionRegistered(_UserEvent):
    type = "notification.push_subscribed"

    subscription_id: uuid.UUID


class PushSubscriptionRemoved(_UserEvent):
    type = "notification.push_unsubscribed"

    subscription_id: uuid.UUID
    reason: str
    """``UNREGISTERED``, ``REPLACED`` (the browser now belongs to another user), ``EXPIRED``
    (the push service answered 404/410) or ``LIMIT`` (the user's oldest, over the limit)."""
