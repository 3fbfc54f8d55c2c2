"""Counting activities: once per source, then rewards, quests and achievements see them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from app.achievements import service as achievements
from app.economy import ledger, rewards
from app.gamification.activities import Activity
from app.gamification.repository import CountedActivityRepository
from app.quests import service as quests
from app.store import service as store


async def count_activities(
    session: AsyncSession,
    activities: Sequence[Activity],
    *,
    event_id: uuid.UUID,
    zone: ZoneInfo,
    now: datetime,
) -> None:
    """Apply the activities of one event whose source was not counted before.

    The users' wallet locks come first, in user order, as in every operation on a user's
    economy. The earning rules are read once, each user's boosters at most once.
    """
    ordered = sorted(activities, key=lambda a: (a.user_id, a.name))
    wallets = {
        user_id: await ledger.lock_user_wallet(session, user_id)
        for user_id in dict.fromkeys(a.user_id for a in ordered)
    }
    counted = await CountedActivityRepository(session).add(ordered, event_id)
    if not counted:
        return
    rules = await rewards.rules_for(session, {a.name.value for a in counted})
    rewarded = [a for a in counted if a.name.value in rules]
    boosters = {
        (user_id, at): await store.multipliers(session, user_id, at=at)
        for user_id, at in dict.fromkeys((a.user_id, a.occurred_at) for a in rewarded)
    }
    for activity in counted:
        if activity.name.value in rules:
            await rewards.apply_rules(
                session,
                wallets[activity.user_id],
                rules[activity.name.value],
                source=activity.source,
                occurred_at=activity.occurred_at,
                zone=zone,
                multipliers=boosters[(activity.user_id, activity.occurred_at)],
                now=now,
            )
        await _advance(session, activity, zone=zone, now=now)


async def _advance(
    session: AsyncSession, activity: Activity, *, zone: ZoneInfo, now: datetime
) -> None:
    name = activity.name.value
    await quests.advance(
        session,
        activity.user_id,
        name,
        activity.quantity,
        activity.attributes,
        occurred_at=activity.occurred_at,
        zone=zone,
        now=now,
    )
    await achievements.advance(
        session, activity.user_id, name, activity.quantity, activity.attributes, now=now
    )
