"""Signed one-click unsubscribe links: one per user and notification type, no login needed.

The token is the user id and the type, with an HMAC-SHA256 under a key from settings. It
does not expire (mail clients show the link for as long as the message is kept) and can do
one thing only: turn that user's email off for that type.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import uuid
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy.ext.asyncio import AsyncSession

from app.events import emit
from app.notifications import preferences
from app.notifications.catalogue import Channel, NotificationType
from app.notifications.errors import InvalidUnsubscribeLinkError
from app.notifications.events import NotificationPreferencesUpdated
from app.notifications.repository import PreferenceRepository
from app.settings import AppEnv, Settings
from app.users import service as users

PATH = "/notifications/unsubscribe"
_PURPOSE = b"prodvor.notifications.unsubscribe.v1:"


class MissingUnsubscribeKeyError(RuntimeError):
    pass


def signing_key(settings: Settings) -> bytes:
    """The configured key; in dev and test one kept under ``DATA_DIR`` when none is set."""
    configured = settings.notifications.unsubscribe_key.get_secret_value()
    if configured:
        return configured.encode()
    if settings.app_env not in (AppEnv.DEV, AppEnv.TEST):
        raise MissingUnsubscribeKeyError(
            "NOTIFICATIONS_UNSUBSCRIBE_KEY is required outside APP_ENV=dev or test"
        )
    return _stored_key(settings.data_dir / "notifications" / "unsubscribe.key")


def _stored_key(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip().encode()


def make_token(key: bytes, user_id: uuid.UUID, kind: NotificationType) -> str:
    message = user_id.bytes + kind.value.encode()
    return f"{_b64(message)}.{_b64(_mac(key, message))}"


def read_token(key: bytes, token: str) -> tuple[uuid.UUID, NotificationType]:
    """The user and type a token names, or ``InvalidUnsubscribeLinkError``."""
    try:
        encoded_message, encoded_mac = token.split(".", 1)
        message, mac = _unb64(encoded_message), _unb64(encoded_mac)
    except (ValueError, binascii.Error) as exc:
        raise InvalidUnsubscribeLinkError() from exc
    if len(message) <= 16 or not hmac.compare_digest(mac, _mac(key, message)):
        raise InvalidUnsubscribeLinkError()
    try:
        return uuid.UUID(bytes=message[:16]), NotificationType(message[16:].decode())
    except (ValueError, UnicodeDecodeError) as exc:  # a type since removed from the catalogue
        raise InvalidUnsubscribeLinkError() from exc


def link(settings: Settings, key: bytes, user_id: uuid.UUID, kind: NotificationType) -> str:
    query = urlencode({"token": make_token(key, user_id, kind)})
    return f"{settings.auth.public_url.rstrip('/')}{PATH}?{query}"


async def unsubscribe(
    session: AsyncSession, user_id: uuid.UUID, kind: NotificationType, *, now: datetime
) -> None:
    """Turn email off for ``kind``; repeating it changes nothing."""
    if user_id not in await users.users_by_id(session, [user_id]):
        raise InvalidUnsubscribeLinkError()
    was_on = (await preferences.wanted(session, [user_id], kind))[user_id].email
    await PreferenceRepository(session).set(user_id, kind.value, Channel.EMAIL, False, now)
    if was_on:
        event = NotificationPreferencesUpdated(
            user_id=user_id, changes=[f"{kind}:{Channel.EMAIL}:off"], via="UNSUBSCRIBE_LINK"
        )
        emit(session, event, actor_id=user_id, occurred_at=now)


def _mac(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, _PURPOSE + message, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
