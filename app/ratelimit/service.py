"""Rate limits that hold across replicas: GCRA buckets in PostgreSQL.

A policy admits ``limit`` requests per ``period`` for each subject (a user id or a client IP),
as a burst or spread out: GCRA (the generic cell rate algorithm) keeps one timestamp per
subject, so a check is one upsert. Callers run ``hit`` in a transaction of its own, so a
request that fails afterwards still counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from app.ratelimit.errors import RateLimitedError
from app.ratelimit.repository import RateLimitRepository


class Scope(StrEnum):
    USER = "user"
    IP = "ip"


@dataclass(frozen=True, slots=True)
class RatePolicy:
    name: str
    """What is limited, ``<domain>.<action>``, e.g. ``chat.send_message``."""
    scope: Scope
    limit: int
    period: timedelta

    @property
    def setting_key(self) -> str:
        """The key of ``RATE_LIMIT_OVERRIDES`` that changes ``limit``."""
        return f"{self.name}:{self.scope}"

    def with_limit(self, limit: int) -> RatePolicy:
        return RatePolicy(self.name, self.scope, limit, self.period)


POLICIES: dict[str, RatePolicy] = {}
"""Every policy declared with ``policy()``, by setting key (for docs and override checks)."""


def policy(name: str, scope: Scope, limit: int, period: timedelta) -> RatePolicy:
    declared = RatePolicy(name, scope, limit, period)
    POLICIES[declared.setting_key] = declared
    return declared


async def hit(
    session: AsyncSession, policy: RatePolicy, subject: str, *, now: datetime, cost: int = 1
) -> None:
    """Count ``cost`` requests of ``subject``; raise ``RateLimitedError`` when over the limit."""
    repo = RateLimitRepository(session)
    key = f"{policy.setting_key}:{subject}"
    interval = policy.period / policy.limit
    if await repo.admit(key, now=now, increment=interval * cost, tolerance=policy.period):
        return
    arrival = await repo.arrival(key) or now
    wait = max(arrival, now) + interval * cost - policy.period - now
    raise RateLimitedError(retry_after=max(1, math.ceil(wait.total_seconds())))


async def purge(session: AsyncSession, *, now: datetime) -> int:
    """Delete buckets that no longer hold anything back (housekeeping only)."""
    return await RateLimitRepository(session).purge(now)
