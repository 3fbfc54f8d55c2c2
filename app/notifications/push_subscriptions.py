"""Browsers' Web Push subscriptions: registering, unregistering, forgetting dead ones.

An endpoint is a capability URL of one browser profile. It belongs to whoever registered it
last: after a sign-out and a sign-in as someone else, the first user's notifications must not
reach that browser any more.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from datetime import datetime
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import FieldCode, NotFoundError
from app.events import emit
from app.notifications.errors import PushUnavailableError
from app.notifications.events import PushSubscriptionRegistered, PushSubscriptionRemoved
from app.notifications.models import PushSubscription
from app.notifications.repository import PushSubscriptionRepository
from app.settings import PushSettings
from app.validation import Validator

MAX_ENDPOINT_LENGTH = 1024


async def register_push_subscription(
    session: AsyncSession,
    actor: Principal,
    endpoint: str,
    p256dh: str,
    auth: str,
    *,
    now: datetime,
    settings: PushSettings,
    max_per_user: int,
) -> PushSubscription:
    if not settings.enabled:
        raise PushUnavailableError()
    endpoint, p256dh, auth = _validate(endpoint, p256dh, auth, settings)
    repo = PushSubscriptionRepository(session)
    previous = await repo.by_endpoint(endpoint, lock=True)
    owner = previous.user_id if previous is not None else None
    subscription, _ = await repo.upsert(actor.user_id, endpoint, p256dh, auth, now)
    if owner is not None and owner != actor.user_id:
        _removed(session, owner, subscription.id, "REPLACED", now)
    if owner != actor.user_id:
        event = PushSubscriptionRegistered(user_id=actor.user_id, subscription_id=subscription.id)
        emit(session, event, actor_id=actor.user_id, occurred_at=now)
    for old in await repo.oldest_beyond(actor.user_id, max_per_user):
        await repo.delete(old.id)
        _removed(session, actor.user_id, old.id, "LIMIT", now)
    return subscription


async def unregister_push_subscription(
    session: AsyncSession, actor: Principal, endpoint: str, *, now: datetime
) -> None:
    repo = PushSubscriptionRepository(session)
    subscription = await repo.by_endpoint(endpoint.strip(), lock=True)
    if subscription is None or subscription.user_id != actor.user_id:
        raise NotFoundError()
    await repo.delete(subscription.id)
    _removed(session, actor.user_id, subscription.id, "UNREGISTERED", now)


async def forget_expired(
    session: AsyncSession, subscription_id: uuid.UUID, *, now: datetime
) -> None:
    """The push service said the subscription is gone (404/410): never use it again."""
    owner = await PushSubscriptionRepository(session).delete(subscription_id)
    if owner is not None:
        _removed(session, owner, subscription_id, "EXPIRED", now)


def _removed(
    session: AsyncSession, user_id: uuid.UUID, subscription_id: uuid.UUID, why: str, now: datetime
) -> None:
    event = PushSubscriptionRemoved(user_id=user_id, subscription_id=subscription_id, reason=why)
    emit(session, event, actor_id=None, occurred_at=now)


def _validate(
    endpoint: str, p256dh: str, auth: str, settings: PushSettings
) -> tuple[str, str, str]:
    v = Validator()
    endpoint = endpoint.strip()
    if len(endpoint) > MAX_ENDPOINT_LENGTH:
        v.add("endpoint", FieldCode.TOO_LONG, f"Не длиннее {MAX_ENDPOINT_LENGTH} символов")
    elif not _allowed_endpoint(endpoint, settings):
        v.add("endpoint", FieldCode.NOT_ALLOWED, "Это не адрес известного push-сервиса")
    if not _is_p256_point(p256dh.strip()):
        v.add("keys.p256dh", FieldCode.INVALID_FORMAT, "Нужен открытый ключ P-256 в base64url")
    if len(_decoded(auth.strip()) or b"") != 16:
        v.add("keys.auth", FieldCode.INVALID_FORMAT, "Нужен секрет из 16 байт в base64url")
    v.raise_if_any()
    return endpoint, p256dh.strip(), auth.strip()


def _allowed_endpoint(endpoint: str, settings: PushSettings) -> bool:
    """Only known push services, so subscriptions cannot aim our requests elsewhere."""
    try:
        parts = urlsplit(endpoint)
        host = (parts.hostname or "").lower()
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return False
    schemes = ("https",) if settings.require_https else ("https", "http")
    if parts.scheme not in schemes or not host or parts.username or parts.password or not port_ok:
        return False
    return any(
        host.endswith(allowed) if allowed.startswith(".") else host == allowed
        for allowed in (entry.lower() for entry in settings.allowed_endpoint_hosts)
    )


def _decoded(value: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


def _is_p256_point(value: str) -> bool:
    raw = _decoded(value)
    if raw is None or len(raw) != 65:
        return False
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        return False
    return True
