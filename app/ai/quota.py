"""Per-user limits: requests per minute (GCRA buckets) and tokens per UTC day.

The tier decides the numbers (``ai_quotas``): STAFF for moderators and administrators, PRO
for holders of a PRO entitlement (``entitlements.py``), FREE otherwise. The daily check runs
before a call and the tokens are added after it, so calls running at the same moment can
overshoot the day's quota by what they use; the per-minute limit bounds how many those are.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.entitlements import pro_status
from app.ai.errors import QuotaExceededError
from app.ai.models import QuotaTier
from app.ai.repository import AiRepository
from app.auth.principal import Principal
from app.ratelimit import service as ratelimit
from app.ratelimit.service import RatePolicy, Scope

MINUTE = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Standing:
    tier: QuotaTier
    requests_per_minute: int
    tokens_per_day: int
    requests_today: int
    tokens_today: int
    resets_at: datetime

    @property
    def tokens_left(self) -> int:
        return max(0, self.tokens_per_day - self.tokens_today)


def today(now: datetime) -> date:
    return now.astimezone(UTC).date()


def next_reset(now: datetime) -> datetime:
    return datetime.combine(today(now) + timedelta(days=1), time(), tzinfo=UTC)


async def tier_of(session: AsyncSession, actor: Principal, *, now: datetime) -> QuotaTier:
    if actor.is_staff:
        return QuotaTier.STAFF
    if await pro_status.has_pro(session, actor.user_id, now=now):
        return QuotaTier.PRO
    return QuotaTier.FREE


async def standing(session: AsyncSession, actor: Principal, *, now: datetime) -> Standing:
    repo = AiRepository(session)
    tier = await tier_of(session, actor, now=now)
    quota = await repo.quota(tier)
    usage = await repo.usage(actor.user_id, today(now))
    return Standing(
        tier=tier,
        requests_per_minute=quota.requests_per_minute,
        tokens_per_day=quota.tokens_per_day,
        requests_today=usage.requests if usage else 0,
        tokens_today=usage.tokens if usage else 0,
        resets_at=next_reset(now),
    )


async def admit(
    session: AsyncSession, actor: Principal, cost: int, *, now: datetime, per_minute: bool = True
) -> None:
    """Count one call of weight ``cost``, or raise ``QuotaExceededError``/``RateLimitedError``.

    Run it in a transaction of its own that rolls back when it raises. ``per_minute`` is off
    when rate limits are switched off (``RATE_LIMIT_ENABLED=false``).
    """
    current = await standing(session, actor, now=now)
    if current.tokens_left <= 0:
        wait = (current.resets_at - now).total_seconds()
        raise QuotaExceededError(retry_after=max(1, math.ceil(wait)))
    if not per_minute:
        return
    policy = RatePolicy("ai.call", Scope.USER, current.requests_per_minute, MINUTE)
    await ratelimit.hit(session, [(policy, str(actor.user_id))], now=now, cost=cost)


async def charge(session: AsyncSession, user_id: uuid.UUID, tokens: int, *, now: datetime) -> None:
    await AiRepository(session).charge(user_id, today(now), tokens)
