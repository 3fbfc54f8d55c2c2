from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field

from app.auth.roles import STAFF_ROLES, Role


@dataclass(frozen=True, slots=True)
class Identity:
    """What a validated access token says about its bearer (Keycloak claim names)."""

    subject: str
    username: str
    email: str | None
    name: str | None
    roles: frozenset[Role] = field(default_factory=frozenset)
    expires_at: float | None = None
    """The token's ``exp`` (seconds since the epoch)."""

    def fingerprint(self) -> str:
        """A hash of the claims we store, so unchanged tokens cause no write."""
        data = [self.username, self.email, self.name, sorted(self.roles)]
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller of one request or WebSocket connection."""

    user_id: uuid.UUID
    subject: str
    roles: frozenset[Role]
    session_id: uuid.UUID | None = None
    """The browser session the caller came with; ``None`` for bearer tokens."""

    def has_any_role(self, *roles: Role) -> bool:
        return not self.roles.isdisjoint(roles)

    @property
    def is_staff(self) -> bool:
        return not self.roles.isdisjoint(STAFF_ROLES)
