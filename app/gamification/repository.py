from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import table_of
from app.gamification.activities import Activity
from app.gamification.models import CountedActivity

_COUNTED = table_of(CountedActivity)
_ADD = (
    insert(_COUNTED)
    .on_conflict_do_nothing()
    .returning(_COUNTED.c.user_id, _COUNTED.c.activity, _COUNTED.c.source)
)
"""Built once; given all rows at once it is still one statement (``insertmanyvalues``)."""


class CountedActivityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, activities: Sequence[Activity], event_id: uuid.UUID) -> list[Activity]:
        """Record the activities whose source was not counted yet, in one statement; returns
        those, in the given order (a repeat within ``activities`` counts once)."""
        first: dict[tuple[uuid.UUID, str, str], Activity] = {}
        for activity in activities:
            first.setdefault(_key(activity), activity)
        if not first:
            return []
        rows = [
            {
                "user_id": a.user_id,
                "activity": a.name.value,
                "source": a.source,
                "quantity": a.quantity,
                "occurred_at": a.occurred_at,
                "event_id": event_id,
            }
            for _, a in sorted(first.items(), key=lambda item: item[0])
        ]
        counted = {tuple(row) for row in await self.session.execute(_ADD, rows)}
        return [activity for key, activity in first.items() if key in counted]


def _key(activity: Activity) -> tuple[uuid.UUID, str, str]:
    return (activity.user_id, activity.name.value, activity.source)
