"""Earning PD and XP: rules applied to counted activities, and rewards paid by quests.

Callers hold the user's wallet lock (``ledger.lock_user_wallet``), which makes the daily cap
and the "once" checks race-free.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from app.economy import ledger
from app.economy.events import XpAwarded
from app.economy.models import (
    EconomyRule,
    LedgerAccount,
    RewardGrant,
    SystemAccount,
    TransferKind,
    XpEntry,
)
from app.economy.repository import (
    GrantRepository,
    ProgressRepository,
    RankRepository,
    RuleRepository,
)
from app.events import emit
from app.periods import FOREVER_KEY, local_day


@dataclass(frozen=True, slots=True)
class Multipliers:
    """What active boosters multiply earnings by."""

    pd: int = 1
    xp: int = 1


@dataclass(frozen=True, slots=True)
class Earning:
    pd: int
    xp: int


async def rules_for(
    session: AsyncSession, activities: Collection[str]
) -> dict[str, list[EconomyRule]]:
    """The active rules of each of ``activities`` (those without rules are left out)."""
    return await RuleRepository(session).active_for(activities)


async def apply_rules(
    session: AsyncSession,
    wallet: LedgerAccount,
    rules: list[EconomyRule],
    *,
    source: str,
    occurred_at: datetime,
    zone: ZoneInfo,
    multipliers: Multipliers,
    now: datetime,
) -> list[RewardGrant]:
    """Apply the rules of one activity (from ``rules_for``) to the wallet's owner, each at most
    once.

    A repeatable rule rewards each source once, within its daily cap; the others reward the
    user once ever. The day of the cap is the activity's, in the platform's time zone.
    """
    assert wallet.user_id is not None
    granted = []
    for rule in rules:
        earning = Earning(rule.pd * multipliers.pd, rule.xp * multipliers.xp)
        grant = RewardGrant(
            id=uuid.uuid4(),
            rule_code=rule.code,
            user_id=wallet.user_id,
            source=source if rule.repeatable else FOREVER_KEY,
            day=local_day(occurred_at, zone),
            created_at=now,
        )
        earning = await _capped(session, rule, grant, earning)
        grant.pd, grant.xp = earning.pd, earning.xp
        if not await GrantRepository(session).add(grant):
            continue
        key = f"rule:{rule.code}:{grant.user_id}:{grant.source}"
        await pay(
            session,
            wallet,
            earning,
            kind=TransferKind.REWARD,
            key=key,
            reason=rule.code,
            description=rule.description,
            now=now,
        )
        granted.append(grant)
    return granted


async def _capped(
    session: AsyncSession, rule: EconomyRule, grant: RewardGrant, earning: Earning
) -> Earning:
    """Trim PD to what is left of today's cap; with none left, the grant earns nothing."""
    if rule.daily_cap is None:
        return earning
    earned = await GrantRepository(session).earned_on(grant.user_id, rule.code, grant.day)
    left = rule.daily_cap - earned
    if left <= 0:
        return Earning(0, 0)
    return Earning(min(earning.pd, left), earning.xp)


async def pay(
    session: AsyncSession,
    wallet: LedgerAccount,
    earning: Earning,
    *,
    kind: TransferKind,
    key: str,
    reason: str,
    description: str,
    now: datetime,
) -> None:
    """Credit PD from the rewards account and award XP, both once per ``key``."""
    assert wallet.user_id is not None
    if earning.pd > 0:
        await ledger.transfer(
            session,
            ledger.system(SystemAccount.REWARDS),
            wallet,
            earning.pd,
            kind=kind,
            key=key,
            description=description,
            now=now,
        )
    if earning.xp > 0:
        await award_xp(session, wallet.user_id, earning.xp, reason=reason, key=key, now=now)


async def award_xp(
    session: AsyncSession, user_id: uuid.UUID, amount: int, *, reason: str, key: str, now: datetime
) -> None:
    entry = XpEntry(
        id=uuid.uuid4(),
        user_id=user_id,
        amount=amount,
        reason=reason,
        idempotency_key=key,
        created_at=now,
    )
    total = await ProgressRepository(session).add_xp(entry)
    if total is None:
        return
    before, after = await RankRepository(session).levels(total - amount, total)
    event = XpAwarded(
        user_id=user_id,
        amount=amount,
        reason=reason,
        total_xp=total,
        rank_level=after,
        previous_rank_level=before,
    )
    emit(session, event, actor_id=None, occurred_at=now)
