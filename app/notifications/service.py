"""Notifications: creating them from domain events, and the user's in-app list.

``notify`` is what the notifications worker calls for every notice a trigger produces. It
writes each recipient's notification at most once per source event and type (a unique key),
announces in-app ones on the recipient's hub channel, and queues email and push deliveries
that a background loop sends later (``dispatch.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import FieldCode
from app.events import emit
from app.notifications import preferences
from app.notifications.catalogue import Channel, NotificationType
from app.notifications.events import NotificationCreated, NotificationsRead
from app.notifications.models import Notification, NotificationDelivery, PushSubscription
from app.notifications.repository import (
    DeliveryRepository,
    NotificationRepository,
    PushSubscriptionRepository,
)
from app.pagination import MAX_PAGE_SIZE, Page, PageRequest
from app.users import service as users
from app.users.models import User
from app.validation import Validator


@dataclass(frozen=True, slots=True)
class Entity:
    """What a notification is about, for clients that render more than the link."""

    type: str
    id: uuid.UUID


@dataclass(frozen=True, slots=True)
class Notice:
    """What one trigger says about one event: the same notice for each of ``recipients``."""

    type: NotificationType
    recipients: Sequence[uuid.UUID]
    title: str
    body: str
    link: str
    """A frontend route (``/teams/spartak``); emails make it absolute."""
    entity: Entity | None = None
    data: Mapping[str, str] = field(default_factory=dict)
    """Extra values for the kind's email templates."""


async def notify(
    session: AsyncSession,
    notice: Notice,
    *,
    source_event_id: uuid.UUID,
    actor_id: uuid.UUID | None,
    now: datetime,
) -> list[Notification]:
    """Create each recipient's notification once; returns those created by this call."""
    recipient_ids = list(dict.fromkeys(notice.recipients))
    recipients = await users.users_by_id(session, recipient_ids)
    wanted = await preferences.wanted(session, list(recipients), notice.type)
    subscriptions = await _subscriptions(session, [u for u, p in wanted.items() if p.push])
    created = []
    for user_id in recipient_ids:
        user, choice = recipients.get(user_id), wanted.get(user_id)
        if user is None or choice is None or not any(choice.wants(c) for c in Channel):
            continue
        notification = await _insert_once(session, notice, user, choice, source_event_id, now)
        if notification is None:
            continue
        created.append(notification)
        if notification.in_app:
            event = NotificationCreated(
                user_id=user.id,
                notification_id=notification.id,
                notification_type=notification.type,
            )
            emit(session, event, actor_id=actor_id, occurred_at=now)
        _queue(session, notification, user, choice, subscriptions.get(user.id, []), now)
    await session.flush()
    return created


async def get_notification(
    session: AsyncSession, viewer: Principal, notification_id: uuid.UUID
) -> Notification | None:
    """Only the recipient ever sees a notification."""
    return await NotificationRepository(session).get_in_inbox(viewer.user_id, notification_id)


async def list_notifications(
    session: AsyncSession, viewer: Principal, *, unread_only: bool, page: PageRequest
) -> Page[Notification]:
    return await NotificationRepository(session).page(
        viewer.user_id, unread_only=unread_only, request=page
    )


async def unread_count(session: AsyncSession, viewer: Principal) -> int:
    return await NotificationRepository(session).unread_count(viewer.user_id)


async def mark_read(
    session: AsyncSession,
    actor: Principal,
    ids: Sequence[uuid.UUID] | None,
    *,
    everything: bool,
    now: datetime,
) -> int:
    """Mark the caller's notifications read: those of ``ids`` (others' change nothing) or all.

    Returns how many this call marked; ones already read keep their first read time.
    """
    v = Validator()
    if (ids is None) == (not everything):
        v.add("ids", FieldCode.REQUIRED, "Укажите либо ids, либо all: true")
    elif ids is not None and len(ids) > MAX_PAGE_SIZE:
        v.add("ids", FieldCode.TOO_LONG, f"Не больше {MAX_PAGE_SIZE} за раз")
    v.raise_if_any()
    repo = NotificationRepository(session)
    if ids is None:
        count, marked = await repo.mark_all_read(actor.user_id, now), []
    else:
        marked = await repo.mark_read(actor.user_id, ids, now)
        count = len(marked)
    if count:
        event = NotificationsRead(
            user_id=actor.user_id, notification_ids=marked, everything=ids is None, count=count
        )
        emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return count


async def _subscriptions(
    session: AsyncSession, user_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[PushSubscription]]:
    by_user: dict[uuid.UUID, list[PushSubscription]] = {}
    if user_ids:
        for subscription in await PushSubscriptionRepository(session).of_users(user_ids):
            by_user.setdefault(subscription.user_id, []).append(subscription)
    return by_user


async def _insert_once(
    session: AsyncSession,
    notice: Notice,
    user: User,
    choice: preferences.Preference,
    source_event_id: uuid.UUID,
    now: datetime,
) -> Notification | None:
    return await NotificationRepository(session).insert_once(
        {
            "recipient_id": user.id,
            "type": notice.type.value,
            "title": notice.title[:200],
            "body": notice.body,
            "link": notice.link[:500],
            "entity_type": notice.entity.type if notice.entity else None,
            "entity_id": notice.entity.id if notice.entity else None,
            "data": dict(notice.data),
            "in_app": choice.in_app,
            "source_event_id": source_event_id,
            "created_at": now,
        }
    )


def _queue(
    session: AsyncSession,
    notification: Notification,
    user: User,
    choice: preferences.Preference,
    subscriptions: list[PushSubscription],
    now: datetime,
) -> None:
    """Deliveries for the channels the recipient wants and has an address for."""
    repo = DeliveryRepository(session)
    if choice.email and user.email:
        repo.add(_delivery(notification, Channel.EMAIL, user.email, now))
    if choice.push:
        for subscription in subscriptions:
            host = urlsplit(subscription.endpoint).hostname or "?"
            delivery = _delivery(notification, Channel.PUSH, host, now)
            delivery.push_subscription_id = subscription.id
            repo.add(delivery)


def _delivery(
    notification: Notification, channel: Channel, target: str, now: datetime
) -> NotificationDelivery:
    return NotificationDelivery(
        notification_id=notification.id,
        recipient_id=notification.recipient_id,
        channel=channel,
        target=target[:320],
        next_attempt_at=now,
        created_at=now,
        updated_at=now,
    )
