"""Who a bearer token is, remembered for a few seconds in each replica.

Every authenticated request validated the token's signature and read its user in a
transaction of its own: about a third of the CPU of a small request. A token names the same
principal until it expires, so the answer is kept for ``ttl_s`` seconds, never past the
token's ``exp``, and only while the issuer's key set that validated it is still the current
one (a rotation the replica has noticed revalidates every token). What else can change
meanwhile is the user's standing: a ban. The hub hears every
event on a user's account channel (``moderation.user_banned``) in every replica, and
``observe`` then forgets the user, as it closes their WebSockets; ``ttl_s`` bounds how long a
replica that missed the event keeps admitting the user.
"""

from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from app.auth.principal import Principal
from app.events.envelope import Envelope

ACCOUNT_CHANNEL_PREFIX = "account:"


@dataclass(frozen=True, slots=True)
class _Entry:
    principal: Principal
    valid_until: float
    key_set: object | None


class PrincipalCache:
    def __init__(
        self,
        ttl_s: float,
        *,
        size: int = 10_000,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.ttl_s = ttl_s
        self.size = size
        self._now = now
        self._entries: OrderedDict[str, _Entry] = OrderedDict()

    def get(self, token: str, *, key_set: object | None) -> Principal | None:
        entry = self._entries.get(token)
        if entry is None:
            return None
        if self._now() >= entry.valid_until or entry.key_set is not key_set:
            del self._entries[token]
            return None
        return entry.principal

    def put(
        self,
        token: str,
        principal: Principal,
        *,
        expires_at: float | None,
        key_set: object | None,
    ) -> None:
        if self.ttl_s <= 0:
            return
        valid_until = self._now() + self.ttl_s
        if expires_at is not None:
            valid_until = min(valid_until, expires_at)
        self._entries[token] = _Entry(principal, valid_until, key_set)
        self._entries.move_to_end(token)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def forget(self, user_id: uuid.UUID) -> None:
        stale = [token for token, e in self._entries.items() if e.principal.user_id == user_id]
        for token in stale:
            del self._entries[token]

    def observe(self, envelope: Envelope) -> None:
        """A hub listener: an event on an account channel forgets that account's tokens."""
        for channel in envelope.event().channels():
            if channel.startswith(ACCOUNT_CHANNEL_PREFIX):
                self.forget(uuid.UUID(channel.removeprefix(ACCOUNT_CHANNEL_PREFIX)))
