"""Quests: progress from counted activities, the caller's list, and claiming rewards.

Progress is stored per period key (``periods.period_key``): a daily quest's count for
2026-11-27 is another row than the one for 2026-11-28, so nothing resets at midnight and
each period's reward can be claimed once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.economy import ledger, rewards
from app.economy.models import TransferKind
from app.errors import NotFoundError
from app.events import emit
from app.periods import Period, period_key
from app.quests.errors import QuestAlreadyClaimedError, QuestNotCompletedError
from app.quests.events import QuestCompleted, QuestRewardClaimed
from app.quests.models import Quest, QuestProgress, QuestType
from app.quests.repository import ProgressRepository, QuestRepository
from app.store import service as store


@dataclass(frozen=True, slots=True)
class QuestView:
    """A quest with the caller's progress in the current period (``None``: not started)."""

    quest: Quest
    period: str
    progress: QuestProgress | None


@dataclass(frozen=True, slots=True)
class Claim:
    view: QuestView
    earning: rewards.Earning
    balance: int


async def list_quests(
    session: AsyncSession,
    actor: Principal,
    quest_type: QuestType | None,
    *,
    now: datetime,
    zone: ZoneInfo,
) -> list[QuestView]:
    periods = {period: period_key(period, now, zone) for period in Period}
    rows = await QuestRepository(session).open_with_progress(
        actor.user_id, now, quest_type, periods
    )
    return [QuestView(quest, periods[quest.type.period], progress) for quest, progress in rows]


async def advance(
    session: AsyncSession,
    user_id: uuid.UUID,
    activity: str,
    quantity: int,
    attributes: dict[str, Any],
    *,
    occurred_at: datetime,
    zone: ZoneInfo,
    now: datetime,
) -> None:
    """Count an activity towards every open quest that counts it, in the activity's period."""
    repo = ProgressRepository(session)
    for quest in await QuestRepository(session).counting(activity, attributes, occurred_at):
        period = period_key(quest.type.period, occurred_at, zone)
        progress = await repo.add(user_id, quest, period, quantity, now)
        if progress - quantity < quest.goal <= progress:
            event = QuestCompleted(
                user_id=user_id,
                quest_id=quest.id,
                code=quest.code,
                period=period,
                title=quest.title,
            )
            emit(session, event, actor_id=user_id, occurred_at=now)


async def claim_reward(
    session: AsyncSession, actor: Principal, quest_id: uuid.UUID, *, now: datetime, zone: ZoneInfo
) -> Claim:
    """Pay a completed quest's reward for the current period, exactly once."""
    quest = await QuestRepository(session).get(quest_id)
    if quest is None or not quest.open_at(now):
        raise NotFoundError("Квест не найден")
    wallet = await ledger.lock_user_wallet(session, actor.user_id)
    period = period_key(quest.type.period, now, zone)
    repo = ProgressRepository(session)
    claimed = await repo.claim(actor.user_id, quest, period, now)
    if claimed is None:
        current = (await repo.of(actor.user_id, [(quest.id, period)])).get((quest.id, period))
        if current is not None and current.claimed_at is not None:
            raise QuestAlreadyClaimedError()
        raise QuestNotCompletedError(progress=current.progress if current else 0, goal=quest.goal)
    earning = await _earning(session, actor.user_id, quest, now)
    await rewards.pay(
        session,
        wallet,
        earning,
        kind=TransferKind.QUEST_REWARD,
        key=f"quest:{quest.id}:{actor.user_id}:{period}",
        reason=f"quest:{quest.code}",
        description=f"Квест «{quest.title}»",
        now=now,
    )
    event = QuestRewardClaimed(
        user_id=actor.user_id,
        quest_id=quest.id,
        code=quest.code,
        period=period,
        pd=earning.pd,
        xp=earning.xp,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return Claim(QuestView(quest, period, claimed), earning, wallet.balance or 0)


async def _earning(
    session: AsyncSession, user_id: uuid.UUID, quest: Quest, now: datetime
) -> rewards.Earning:
    multipliers = await store.multipliers(session, user_id, at=now)
    return rewards.Earning(quest.reward_pd * multipliers.pd, quest.reward_xp * multipliers.xp)
