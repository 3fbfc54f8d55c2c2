"""Counting an activity: once per source, then rewards, quests and achievements see it."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from app.achievements import service as achievements
from app.economy import ledger, rewards
from app.gamification.activities import Activity
from app.gamification.repository import CountedActivityRepository
from app.quests import service as quests
from app.store import service as store


async def count_activity(
    session: AsyncSession,
    activity: Activity,
    *,
    event_id: uuid.UUID,
    zone: ZoneInfo,
    now: datetime,
) -> bool:
    """Apply one activity of one user; ``False`` if its source was counted before.

    The user's wallet lock comes first, as in every operation on a user's economy.
    """
    wallet = await ledger.lock_user_wallet(session, activity.user_id)
    if not await CountedActivityRepository(session).add(activity, event_id):
        return False
    rules = await rewards.rules_for(session, activity.name.value)
    if rules:
        await rewards.apply_rules(
            session,
            wallet,
            rules,
            source=activity.source,
            occurred_at=activity.occurred_at,
            zone=zone,
            multipliers=await store.multipliers(session, activity.user_id, at=activity.occurred_at),
            now=now,
        )
    await quests.advance(
        session,
        activity.user_id,
        activity.name.value,
        activity.quantity,
        activity.attributes,
        occurred_at=activity.occurred_at,
        zone=zone,
        now=now,
    )
    await achievements.advance(
        session,
        activity.user_id,
        activity.name.value,
        activity.quantity,
        activity.attributes,
        now=now,
    )
    return True
