from __future__ import annotations

import uuid
from enum import StrEnum

from app.events import Event

TOPIC = "prodvor.sessions"


class EndReason(StrEnum):
    LOGOUT = "LOGOUT"
    """The user signed out in this browser."""
    REVOKED = "REVOKED"
    """The user ended it from another session (``revokeSession``, ``revokeOtherSessions``)."""
    PROVIDER_LOGOUT = "PROVIDER_LOGOUT"
    """The identity provider ended the user's session there (back-channel logout)."""
    REFRESH_FAILED = "REFRESH_FAILED"
    """The provider refused to refresh the tokens (revoked, expired or reused refresh token)."""
    EXPIRED = "EXPIRED"
    """Idle for too long, or past its absolute lifetime."""
    REPLACED = "REPLACED"
    """The browser signed in again, so its cookie now names a new session."""
    EVICTED = "EVICTED"
    """The user started more sessions than allowed; the least recently used one gave way."""


class SessionStarted(Event):
    """A browser signed in through the authorization code flow."""

    type = "session.started"
    topic = TOPIC

    session_id: uuid.UUID
    user_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.session_id)


class SessionEnded(Event):
    type = "session.ended"
    topic = TOPIC

    session_id: uuid.UUID
    user_id: uuid.UUID
    reason: EndReason

    @property
    def key(self) -> str:
        return str(self.session_id)
