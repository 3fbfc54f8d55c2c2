"""Achievements: counted activities add up, and the threshold unlocks them exactly once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.achievements.events import AchievementUnlocked
from app.achievements.models import Achievement, UserAchievement
from app.achievements.repository import (
    AchievementRepository,
    CountingAchievement,
    UserAchievementRepository,
)
from app.auth.principal import Principal
from app.events import emit
from app.users import service as users


@dataclass(frozen=True, slots=True)
class AchievementView:
    achievement: Achievement
    reached: UserAchievement | None


async def list_for_user(
    session: AsyncSession, viewer: Principal, user_id: uuid.UUID
) -> list[AchievementView] | None:
    """The whole catalogue with the user's progress; ``None`` if the user is not visible."""
    if await users.get_user(session, viewer, user_id) is None:
        return None
    reached = await UserAchievementRepository(session).of(user_id)
    catalogue = await AchievementRepository(session).catalogue()
    return [AchievementView(a, reached.get(a.id)) for a in catalogue]


async def advance(
    session: AsyncSession,
    user_id: uuid.UUID,
    activity: str,
    quantity: int,
    attributes: dict[str, Any],
    *,
    now: datetime,
) -> list[CountingAchievement]:
    """Count an activity towards the achievements it feeds; returns those it unlocked."""
    repo = UserAchievementRepository(session)
    unlocked = []
    for achievement in await AchievementRepository(session).counting(activity, attributes):
        progress, unlocked_at = await repo.add(user_id, achievement, quantity, now)
        if unlocked_at is not None and progress - quantity < achievement.threshold:
            unlocked.append(achievement)
            event = AchievementUnlocked(
                user_id=user_id,
                achievement_id=achievement.id,
                code=achievement.code,
                name=achievement.name,
            )
            emit(session, event, actor_id=user_id, occurred_at=now)
    return unlocked
