from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk


class TokenKind(StrEnum):
    ACCESS = "access"
    REFRESH = "refresh"
    ID = "id"


class BrowserSession(Base):
    """A signed-in browser: the opaque cookie's hash and the provider's tokens, encrypted.

    A session ends by deleting its row (the ``session.ended`` event is the record), so no
    token outlives the session that needed it.
    """

    __tablename__ = "auth_sessions"

    id: Mapped[UUIDPk]
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    """SHA-256 of the cookie value; the value itself is never stored."""
    subject: Mapped[str] = mapped_column(String(255), index=True)
    provider_sid: Mapped[str | None] = mapped_column(String(255), index=True)
    """The provider's session id (``sid`` of the ID token), for back-channel logout."""
    access_token: Mapped[bytes] = mapped_column(LargeBinary)
    refresh_token: Mapped[bytes | None] = mapped_column(LargeBinary)
    id_token: Mapped[bytes | None] = mapped_column(LargeBinary)
    access_expires_at: Mapped[datetime]
    user_agent: Mapped[str | None] = mapped_column(String(512))
    ip_address: Mapped[str | None] = mapped_column(String(45))
    created_at: Mapped[CreatedAt]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    """The absolute end, whatever the activity."""

    def bound_to(self, kind: TokenKind) -> bytes:
        """Associated data that ties a token's ciphertext to this row and column."""
        return self.id.bytes + kind.value.encode()
