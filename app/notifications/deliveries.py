"""Delivery state: what the sending loop takes and records, and what support looks at."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError
from app.notifications import preferences, push_subscriptions
from app.notifications.catalogue import Channel, NotificationType
from app.notifications.models import DeliveryStatus, NotificationDelivery
from app.notifications.repository import DeliveryFilter, DeliveryRepository
from app.pagination import Page, PageRequest
from app.settings import NotificationSettings
from app.users import service as users
from app.users.models import User


@dataclass(frozen=True, slots=True)
class Job:
    """A claimed delivery with what sending it needs, read in the claiming transaction."""

    delivery: NotificationDelivery
    recipient: User | None
    wanted: bool
    """The recipient still wants this type on this channel."""


@dataclass(frozen=True, slots=True)
class Result:
    status: DeliveryStatus
    error: str | None = None
    subscription_gone: bool = False
    """The push service says the subscription no longer exists (404/410)."""
    target: str | None = None
    """Where it went, when that changed since queueing (a new email address)."""

    @property
    def outcome(self) -> str:
        """For metrics: ``sent``, ``retry``, ``failed`` or ``cancelled``."""
        return "retry" if self.status is DeliveryStatus.PENDING else self.status.value.lower()

    @classmethod
    def sent(cls, target: str | None = None) -> Result:
        return cls(DeliveryStatus.SENT, target=target)

    @classmethod
    def retry(cls, error: str) -> Result:
        return cls(DeliveryStatus.PENDING, error)

    @classmethod
    def failed(cls, error: str, *, subscription_gone: bool = False) -> Result:
        return cls(DeliveryStatus.FAILED, error, subscription_gone)

    @classmethod
    def cancelled(cls, reason: str) -> Result:
        return cls(DeliveryStatus.CANCELLED, reason)


async def claim(
    session: AsyncSession, *, now: datetime, settings: NotificationSettings
) -> list[Job]:
    lease_until = now + timedelta(seconds=settings.delivery_lease_s)
    claimed = await DeliveryRepository(session).claim_due(
        now, settings.delivery_batch_size, lease_until
    )
    if not claimed:
        return []
    recipient_ids = list({d.recipient_id for d in claimed})
    recipients = await users.users_by_id(session, recipient_ids)
    chosen = await preferences.choices_of(session, recipient_ids)
    return [
        Job(d, recipients.get(d.recipient_id), _wanted(d, chosen[d.recipient_id])) for d in claimed
    ]


async def record(
    session: AsyncSession,
    delivery_id: uuid.UUID,
    result: Result,
    *,
    now: datetime,
    settings: NotificationSettings,
) -> None:
    repo = DeliveryRepository(session)
    delivery = await repo.get_for_update(delivery_id)
    if delivery is None or delivery.status is not DeliveryStatus.PENDING:
        return
    delivery.updated_at = now
    delivery.last_error = result.error[:2000] if result.error else None
    if result.target:
        delivery.target = result.target[:320]
    if result.status is DeliveryStatus.PENDING:
        if delivery.attempts >= settings.delivery_max_attempts:
            delivery.status = DeliveryStatus.FAILED
            delivery.last_error = f"gave up after {delivery.attempts} attempts: {result.error}"
        else:
            delivery.next_attempt_at = now + _backoff(delivery.attempts, settings)
        return
    delivery.status = result.status
    if result.status is DeliveryStatus.SENT:
        delivery.sent_at = now
    if result.subscription_gone and delivery.push_subscription_id is not None:
        await push_subscriptions.forget_expired(session, delivery.push_subscription_id, now=now)


async def list_deliveries(
    session: AsyncSession,
    viewer: Principal,
    *,
    recipient_id: uuid.UUID | None,
    status: DeliveryStatus | None,
    channel: Channel | None,
    page: PageRequest,
) -> Page[NotificationDelivery]:
    """For support: every delivery, newest first."""
    if not viewer.is_staff:
        raise AccessDeniedError()
    where = DeliveryFilter(recipient_id=recipient_id, status=status, channel=channel)
    return await DeliveryRepository(session).page(where, page)


def _wanted(delivery: NotificationDelivery, chosen: preferences.Choices) -> bool:
    """Whether the recipient still wants it: they may have turned the channel off since."""
    try:
        kind = NotificationType(delivery.notification.type)
    except ValueError:  # a type since removed from the catalogue
        return True
    return preferences.effective(kind, chosen).wants(delivery.channel)


def _backoff(attempts: int, settings: NotificationSettings) -> timedelta:
    delay = settings.delivery_backoff_s * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(delay, settings.delivery_backoff_max_s))
