"""Web Push (RFC 8030) with VAPID (RFC 8292) through pywebpush, aes128gcm-encrypted.

Payloads stay small (title, body, link: push services accept about 4 KB), the service
keeps a message for an offline browser for ``PUSH_TTL_S``, and 404/410 mean the
subscription is gone for good.
"""

from __future__ import annotations

import base64
from typing import Any

import aiohttp
import orjson
from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from pywebpush import WebPushException, webpush_async

from app.notifications.errors import SendError
from app.notifications.models import Notification, PushSubscription
from app.settings import PushSettings

MAX_BODY_CHARS = 300
GONE = frozenset({404, 410})
REFUSED = frozenset({400, 403, 413})
"""Malformed, not ours (another VAPID key) or too large: resending the same will not help."""


def payload(notification: Notification) -> bytes:
    body = notification.body
    if len(body) > MAX_BODY_CHARS:
        body = body[: MAX_BODY_CHARS - 1] + "…"
    return orjson.dumps({"title": notification.title, "body": body, "link": notification.link})


def public_key(settings: PushSettings) -> str | None:
    """The application server key browsers subscribe with (base64url), if push is on."""
    if not settings.enabled:
        return None
    return _public(Vapid.from_string(settings.vapid_private_key.get_secret_value()))


def generate_keys() -> tuple[str, str]:
    """A new VAPID pair, base64url: the private key for settings, the public one for browsers."""
    vapid = Vapid()
    vapid.generate_keys()
    private = vapid.private_key.private_numbers().private_value.to_bytes(32, "big")
    return _b64(private), _public(vapid)


def _public(vapid: Vapid) -> str:
    raw = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return _b64(raw)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


class PushSender:
    def __init__(self, settings: PushSettings) -> None:
        self.settings = settings
        key = settings.vapid_private_key.get_secret_value()
        self.vapid = Vapid.from_string(key) if key else None

    async def send(self, subscription: PushSubscription, data: bytes) -> None:
        if self.vapid is None:
            raise SendError("push is not configured (PUSH_VAPID_PRIVATE_KEY)", permanent=True)
        info: dict[str, Any] = {
            "endpoint": subscription.endpoint,
            "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
        }
        try:
            await webpush_async(
                info,
                data=data.decode(),
                vapid_private_key=self.vapid,
                vapid_claims={"sub": self.settings.vapid_subject},
                ttl=self.settings.ttl_s,
                timeout=aiohttp.ClientTimeout(total=self.settings.timeout_s),
                headers={"Urgency": "normal"},
            )
        except WebPushException as exc:
            status = exc.status_code
            message = f"push service answered {status}: {exc.message[:300]}"
            raise SendError(
                message, permanent=status in GONE | REFUSED, gone=status in GONE
            ) from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise SendError(f"push service unreachable: {exc!r}", permanent=False) from exc
