from __future__ import annotations

import uuid

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.gamification.activities import Activity
from app.gamification.models import CountedActivity


class CountedActivityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, activity: Activity, event_id: uuid.UUID) -> bool:
        """Record the activity unless its source was counted already; ``True`` if new."""
        counted = await self.session.scalar(
            insert(CountedActivity)
            .values(
                user_id=activity.user_id,
                activity=activity.name.value,
                source=activity.source,
                quantity=activity.quantity,
                occurred_at=activity.occurred_at,
                event_id=event_id,
            )
            .on_conflict_do_nothing()
            .returning(CountedActivity.user_id)
        )
        return counted is not None
