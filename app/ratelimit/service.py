"""Rate limits that hold across replicas: GCRA buckets in PostgreSQL.

A policy admits ``limit`` requests per ``period`` for each subject (a user id or a client IP),
as a burst or spread out: GCRA (the generic cell rate algorithm) keeps one timestamp per
subject, so a check is one upsert. Callers run ``hit`` in a transaction of its own, so a
request that fails afterwards still counts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from app.ratelimit.errors import RateLimitedError
from app.ratelimit.repository import Draw, RateLimitRepository


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
    session: AsyncSession,
    checks: Sequence[tuple[RatePolicy, str]],
    *,
    now: datetime,
    cost: int = 1,
) -> None:
    """Count ``cost`` calls for each ``(policy, subject)``, in one statement.

    Raises ``RateLimitedError`` with the longest wait when any of them is over its limit;
    the caller's transaction must then roll back, so that the others are not counted either.
    """
    draws = {
        f"{policy.setting_key}:{subject}": Draw(
            key=f"{policy.setting_key}:{subject}",
            increment=policy.period / policy.limit * cost,
            period=policy.period,
        )
        for policy, subject in checks
    }
    if not draws:
        return
    repo = RateLimitRepository(session)
    refused = draws.keys() - await repo.admit(list(draws.values()), now=now)
    if not refused:
        return
    waits = [await _wait(repo, draws[key], now) for key in sorted(refused)]
    raise RateLimitedError(retry_after=max(1, math.ceil(max(waits).total_seconds())))


async def _wait(repo: RateLimitRepository, draw: Draw, now: datetime) -> timedelta:
    arrival = await repo.arrival(draw.key) or now
    return max(arrival, now) + draw.increment - draw.period - now


async def purge(session: AsyncSession, *, now: datetime) -> int:
    """Delete buckets that no longer hold anything back (housekeeping only)."""
    return await RateLimitRepository(session).purge(now)
