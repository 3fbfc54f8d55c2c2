from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import table_of
from app.jsonb import contains
from app.periods import Period
from app.quests.models import Quest, QuestProgress, QuestType
from app.reference import ReferenceCache


def _period_param(period: Period) -> str:
    return f"period_{period.value.lower()}"


# Statements of the dashboard's reads, built once: building one costs more than running it.
# The viewer's progress comes in the same statement, in the period each quest's type counts
# in: the caller binds one key per period.
_CURRENT_PERIOD = case(
    {quest_type: bindparam(_period_param(quest_type.period)) for quest_type in QuestType},
    value=Quest.type,
)
_OPEN = (
    select(Quest, QuestProgress)
    .outerjoin(
        QuestProgress,
        and_(
            QuestProgress.quest_id == Quest.id,
            QuestProgress.user_id == bindparam("user_id"),
            QuestProgress.period == _CURRENT_PERIOD,
        ),
    )
    .where(
        Quest.active,
        or_(Quest.starts_at.is_(None), Quest.starts_at <= bindparam("at")),
        or_(Quest.ends_at.is_(None), Quest.ends_at > bindparam("at")),
    )
    .order_by(Quest.type, Quest.sort_order, Quest.code)
    .execution_options(populate_existing=True)
)
_OPEN_OF_TYPE = _OPEN.where(Quest.type == bindparam("quest_type"))
_PROGRESS = (
    select(QuestProgress)
    .where(
        QuestProgress.user_id == bindparam("user_id"),
        tuple_(QuestProgress.quest_id, QuestProgress.period).in_(bindparam("keys", expanding=True)),
    )
    .execution_options(populate_existing=True)
)


@dataclass(frozen=True, slots=True)
class CountingQuest:
    """What counting activities needs of an active quest."""

    id: uuid.UUID
    code: str
    title: str
    type: QuestType
    goal: int
    activities: frozenset[str]
    filters: dict[str, Any]
    starts_at: datetime | None
    ends_at: datetime | None

    def counts(self, activity: str, attributes: dict[str, Any], at: datetime) -> bool:
        """Whether the quest is open at ``at`` and counts ``activity`` with ``attributes``
        (its filters contained in them, as JSONB's ``<@`` decides)."""
        started = self.starts_at is None or self.starts_at <= at
        open_ = started and (self.ends_at is None or at < self.ends_at)
        return open_ and activity in self.activities and contains(attributes, self.filters)


async def _counting_quests(session: AsyncSession) -> tuple[CountingQuest, ...]:
    rows = await session.scalars(select(Quest).where(Quest.active).order_by(Quest.code))
    return tuple(
        CountingQuest(
            id=quest.id,
            code=quest.code,
            title=quest.title,
            type=quest.type,
            goal=quest.goal,
            activities=frozenset(quest.activities),
            filters=dict(quest.filters),
            starts_at=quest.starts_at,
            ends_at=quest.ends_at,
        )
        for quest in rows.all()
    )


COUNTING_QUESTS = ReferenceCache(_counting_quests)
"""The catalogue is written by the seed only; the workers match every activity against it."""


class QuestRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, values: dict[str, Any]) -> None:
        """Insert or refresh a catalogue entry by its code (for the seed)."""
        COUNTING_QUESTS.clear()
        changes = {name: value for name, value in values.items() if name != "code"}
        await self.session.execute(
            insert(Quest)
            .values(values)
            .on_conflict_do_update(index_elements=[Quest.code], set_=changes)
        )

    async def retire_except(self, codes: list[str]) -> None:
        """Deactivate the catalogue entries the seed no longer lists (for the seed): their
        rows stay, for the progress and rewards that point at them."""
        COUNTING_QUESTS.clear()
        await self.session.execute(
            update(Quest).where(Quest.code.not_in(codes), Quest.active).values(active=False)
        )

    async def get(self, quest_id: uuid.UUID) -> Quest | None:
        return await self.session.get(Quest, quest_id)

    async def open_with_progress(
        self,
        user_id: uuid.UUID,
        at: datetime,
        quest_type: QuestType | None,
        periods: Mapping[Period, str],
    ) -> list[tuple[Quest, QuestProgress | None]]:
        """Open quests, each with the user's progress in ``periods[quest.type.period]``."""
        params: dict[str, Any] = {"at": at, "user_id": user_id}
        params.update({_period_param(period): key for period, key in periods.items()})
        if quest_type is None:
            rows = await self.session.execute(_OPEN, params)
        else:
            rows = await self.session.execute(_OPEN_OF_TYPE, {**params, "quest_type": quest_type})
        return [(quest, progress) for quest, progress in rows.all()]

    async def counting(
        self, activity: str, attributes: dict[str, Any], at: datetime
    ) -> list[CountingQuest]:
        """Open quests that count ``activity`` with these attributes, by code."""
        catalogue = await COUNTING_QUESTS.get(self.session)
        return [quest for quest in catalogue if quest.counts(activity, attributes, at)]


class ProgressRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of(
        self, user_id: uuid.UUID, keys: Sequence[tuple[uuid.UUID, str]]
    ) -> dict[tuple[uuid.UUID, str], QuestProgress]:
        if not keys:
            return {}
        rows = await self.session.scalars(_PROGRESS, {"user_id": user_id, "keys": list(keys)})
        return {(row.quest_id, row.period): row for row in rows.all()}

    async def add(
        self, user_id: uuid.UUID, quest: CountingQuest, period: str, quantity: int, at: datetime
    ) -> int:
        """Count ``quantity`` more; the new progress (completion time is set on reaching goal)."""
        total = _PROGRESS_ROWS.c.progress + quantity
        stmt = (
            insert(_PROGRESS_ROWS)
            .values(
                user_id=user_id,
                quest_id=quest.id,
                period=period,
                progress=quantity,
                completed_at=at if quantity >= quest.goal else None,
            )
            .on_conflict_do_update(
                index_elements=[
                    _PROGRESS_ROWS.c.user_id,
                    _PROGRESS_ROWS.c.quest_id,
                    _PROGRESS_ROWS.c.period,
                ],
                set_={
                    "progress": total,
                    "completed_at": _first_time(total >= quest.goal, at),
                },
            )
            .returning(_PROGRESS_ROWS.c.progress)
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def claim(
        self, user_id: uuid.UUID, quest: Quest, period: str, now: datetime
    ) -> QuestProgress | None:
        """Mark a completed, unclaimed period claimed; ``None`` if it is not that."""
        stmt = (
            update(QuestProgress)
            .where(
                QuestProgress.user_id == user_id,
                QuestProgress.quest_id == quest.id,
                QuestProgress.period == period,
                QuestProgress.progress >= quest.goal,
                QuestProgress.claimed_at.is_(None),
            )
            .values(claimed_at=now)
            .returning(QuestProgress)
            .execution_options(populate_existing=True)
        )
        return await self.session.scalar(stmt)


_PROGRESS_ROWS = table_of(QuestProgress)


def _first_time(reached: Any, at: datetime) -> Any:
    """Keep the first completion time; set it when the goal is reached now."""
    return func.coalesce(_PROGRESS_ROWS.c.completed_at, case((reached, at)))
