from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Update, bindparam, delete, func, literal_column, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from app.notifications.catalogue import Channel
from app.notifications.models import (
    DeliveryStatus,
    Notification,
    NotificationDelivery,
    NotificationPreference,
    PushSubscription,
)
from app.pagination import Page, PageRequest, SortKey, build_page, keyset

NEWEST_NOTIFICATIONS_FIRST = (
    SortKey(Notification.created_at, datetime, descending=True),
    SortKey(Notification.id, uuid.UUID, descending=True),
)
NEWEST_DELIVERIES_FIRST = (
    SortKey(NotificationDelivery.created_at, datetime, descending=True),
    SortKey(NotificationDelivery.id, uuid.UUID, descending=True),
)

# Built once: every dashboard counts, and building costs more than running it.
_UNREAD_COUNT = select(func.count()).where(
    Notification.recipient_id == bindparam("recipient_id"),
    Notification.in_app,
    Notification.read_at.is_(None),
)


class NotificationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def insert_once(self, values: dict[str, Any]) -> Notification | None:
        """The new row, or ``None`` when this event already notified this user of this type."""
        stmt = (
            insert(Notification)
            .values(id=uuid.uuid4(), **values)
            .on_conflict_do_nothing(index_elements=["source_event_id", "recipient_id", "type"])
            .returning(Notification)
        )
        return await self.session.scalar(stmt)

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[Notification]:
        stmt = select(Notification).where(Notification.id.in_(ids))
        return list((await self.session.scalars(stmt)).all())

    async def get_in_inbox(
        self, recipient_id: uuid.UUID, notification_id: uuid.UUID
    ) -> Notification | None:
        stmt = select(Notification).where(
            Notification.id == notification_id,
            Notification.recipient_id == recipient_id,
            Notification.in_app,
        )
        return await self.session.scalar(stmt)

    async def page(
        self, recipient_id: uuid.UUID, *, unread_only: bool, request: PageRequest
    ) -> Page[Notification]:
        stmt = select(Notification).where(Notification.recipient_id == recipient_id)
        stmt = stmt.where(Notification.in_app)
        if unread_only:
            stmt = stmt.where(Notification.read_at.is_(None))
        rows = (await self.session.scalars(keyset(stmt, NEWEST_NOTIFICATIONS_FIRST, request))).all()
        return build_page(rows, request, lambda n: (n.created_at, n.id))

    async def unread_count(self, recipient_id: uuid.UUID) -> int:
        count = await self.session.scalar(_UNREAD_COUNT, {"recipient_id": recipient_id})
        return int(count or 0)

    async def mark_read(
        self, recipient_id: uuid.UUID, ids: Sequence[uuid.UUID], now: datetime
    ) -> list[uuid.UUID]:
        """Mark those of ``ids`` that are unread; returns the ones it marked."""
        stmt = self._mark_read(recipient_id, now).where(Notification.id.in_(ids))
        return list((await self.session.scalars(stmt.returning(Notification.id))).all())

    async def mark_all_read(self, recipient_id: uuid.UUID, now: datetime) -> int:
        result = await self.session.execute(self._mark_read(recipient_id, now))
        return int(getattr(result, "rowcount", 0) or 0)

    def _mark_read(self, recipient_id: uuid.UUID, now: datetime) -> Update:
        return (
            update(Notification)
            .where(
                Notification.recipient_id == recipient_id,
                Notification.in_app,
                Notification.read_at.is_(None),
            )
            .values(read_at=now)
            .execution_options(synchronize_session=False)
        )


class PreferenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_users(
        self, user_ids: Sequence[uuid.UUID], kind: str | None = None
    ) -> list[NotificationPreference]:
        stmt = select(NotificationPreference).where(NotificationPreference.user_id.in_(user_ids))
        if kind is not None:
            stmt = stmt.where(NotificationPreference.type == kind)
        return list((await self.session.scalars(stmt)).all())

    async def set(
        self, user_id: uuid.UUID, kind: str, channel: Channel, enabled: bool, now: datetime
    ) -> None:
        stmt = insert(NotificationPreference).values(
            user_id=user_id, type=kind, channel=channel, enabled=enabled, updated_at=now
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["user_id", "type", "channel"],
            set_={"enabled": enabled, "updated_at": now},
        )
        await self.session.execute(stmt)


class PushSubscriptionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_users(self, user_ids: Sequence[uuid.UUID]) -> list[PushSubscription]:
        stmt = (
            select(PushSubscription)
            .where(PushSubscription.user_id.in_(user_ids))
            .order_by(PushSubscription.created_at, PushSubscription.id)
        )
        return list((await self.session.scalars(stmt)).all())

    async def by_endpoint(self, endpoint: str, *, lock: bool = False) -> PushSubscription | None:
        stmt = select(PushSubscription).where(PushSubscription.endpoint == endpoint)
        if lock:
            stmt = stmt.with_for_update()
        return await self.session.scalar(stmt.execution_options(populate_existing=True))

    async def upsert(
        self, user_id: uuid.UUID, endpoint: str, p256dh: str, auth: str, now: datetime
    ) -> tuple[PushSubscription, bool]:
        """Insert, or hand the endpoint to ``user_id`` with fresh keys; and whether it inserted.

        ``ON CONFLICT`` keeps one row per endpoint when a browser registers twice at once.
        """
        values = {"user_id": user_id, "p256dh": p256dh, "auth": auth, "updated_at": now}
        stmt = (
            insert(PushSubscription)
            .values(id=uuid.uuid4(), endpoint=endpoint, created_at=now, **values)
            .on_conflict_do_update(index_elements=["endpoint"], set_=values)
            .returning(PushSubscription, literal_column("xmax = 0", Boolean).label("inserted"))
            .execution_options(populate_existing=True)
        )
        subscription, inserted = (await self.session.execute(stmt)).one()
        return subscription, bool(inserted)

    async def oldest_beyond(self, user_id: uuid.UUID, keep: int) -> list[PushSubscription]:
        stmt = (
            select(PushSubscription)
            .where(PushSubscription.user_id == user_id)
            .order_by(PushSubscription.updated_at.desc(), PushSubscription.id.desc())
            .offset(keep)
        )
        return list((await self.session.scalars(stmt)).all())

    async def delete(self, subscription_id: uuid.UUID) -> uuid.UUID | None:
        """Delete it; returns its owner, or ``None`` if it was already gone."""
        stmt = delete(PushSubscription).where(PushSubscription.id == subscription_id)
        return await self.session.scalar(stmt.returning(PushSubscription.user_id))


@dataclass(frozen=True, slots=True)
class DeliveryFilter:
    recipient_id: uuid.UUID | None = None
    status: DeliveryStatus | None = None
    channel: Channel | None = None


class DeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, delivery: NotificationDelivery) -> None:
        self.session.add(delivery)

    async def claim_due(
        self, now: datetime, limit: int, lease_until: datetime
    ) -> list[NotificationDelivery]:
        """Take due deliveries for this worker until ``lease_until``, counting the attempt.

        ``SKIP LOCKED`` lets several workers drain the table without taking the same row; the
        lease returns a row to the queue if its worker dies while sending.
        """
        due = (
            select(NotificationDelivery.id)
            .where(
                NotificationDelivery.status == DeliveryStatus.PENDING,
                NotificationDelivery.next_attempt_at <= now,
            )
            .order_by(NotificationDelivery.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        ids = list((await self.session.scalars(due)).all())
        if not ids:
            return []
        await self.session.execute(
            update(NotificationDelivery)
            .where(NotificationDelivery.id.in_(ids))
            .values(
                attempts=NotificationDelivery.attempts + 1,
                next_attempt_at=lease_until,
                updated_at=now,
            )
        )
        stmt = (
            select(NotificationDelivery)
            .where(NotificationDelivery.id.in_(ids))
            .options(
                selectinload(NotificationDelivery.notification),
                selectinload(NotificationDelivery.push_subscription),
            )
            .order_by(NotificationDelivery.created_at, NotificationDelivery.id)
            .execution_options(populate_existing=True)
        )
        return list((await self.session.scalars(stmt)).all())

    async def get_for_update(self, delivery_id: uuid.UUID) -> NotificationDelivery | None:
        return await self.session.get(
            NotificationDelivery, delivery_id, with_for_update=True, populate_existing=True
        )

    async def page(self, where: DeliveryFilter, request: PageRequest) -> Page[NotificationDelivery]:
        stmt = select(NotificationDelivery)
        if where.recipient_id is not None:
            stmt = stmt.where(NotificationDelivery.recipient_id == where.recipient_id)
        if where.status is not None:
            stmt = stmt.where(NotificationDelivery.status == where.status)
        if where.channel is not None:
            stmt = stmt.where(NotificationDelivery.channel == where.channel)
        rows = (await self.session.scalars(keyset(stmt, NEWEST_DELIVERIES_FIRST, request))).all()
        return build_page(rows, request, lambda d: (d.created_at, d.id))
