"""Repositories of what confirmed matches leave behind: skill ratings and player stats."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.matches.models import PlayerMatchStats, SkillRating, SkillRatingChange, SubjectKind
from app.pagination import Keyset, Page, PageRequest, SortKey, build_page

STAT_COLUMNS = ("goals", "assists", "yellow_cards", "red_cards", "kills", "deaths")


class RatingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def locked(
        self, kind: SubjectKind, subject_ids: Sequence[uuid.UUID], sport_id: uuid.UUID
    ) -> dict[uuid.UUID, SkillRating]:
        """Existing ratings of the subjects, locked in id order (no deadlock between matches)."""
        stmt = (
            select(SkillRating)
            .where(
                SkillRating.subject_kind == kind,
                SkillRating.subject_id.in_(subject_ids),
                SkillRating.sport_id == sport_id,
            )
            .order_by(SkillRating.subject_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return {r.subject_id: r for r in (await self.session.scalars(stmt)).all()}

    async def lock_subjects(self, kind: SubjectKind, subject_ids: Sequence[uuid.UUID]) -> None:
        """Serialise first ratings of the same subjects (rows that do not exist yet)."""
        for subject_id in sorted(subject_ids):
            key = f"matches.rating:{kind}:{subject_id}"
            await self.session.execute(
                select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0)))
            )

    async def rated(self, kind: SubjectKind, match_id: uuid.UUID) -> bool:
        """Whether this match already changed ratings of this kind."""
        stmt = select(SkillRatingChange.id).where(
            SkillRatingChange.match_id == match_id, SkillRatingChange.subject_kind == kind
        )
        return (await self.session.scalar(stmt.limit(1))) is not None

    def add_change(self, change: SkillRatingChange) -> None:
        self.session.add(change)

    def add_rating(self, rating: SkillRating) -> None:
        self.session.add(rating)

    async def current(
        self, kind: SubjectKind, subject_id: uuid.UUID, sport_id: uuid.UUID
    ) -> SkillRating | None:
        return await self.session.get(SkillRating, (kind, subject_id, sport_id))

    async def history(
        self,
        kind: SubjectKind,
        subject_id: uuid.UUID,
        sport_id: uuid.UUID,
        request: PageRequest,
    ) -> Page[SkillRatingChange]:
        stmt, params = _HISTORY.page(
            request, {"kind": kind, "subject_id": subject_id, "sport_id": sport_id}
        )
        rows = (await self.session.scalars(stmt, params)).all()
        return build_page(rows, request, lambda row: (row.recorded_at, row.id))


_HISTORY = Keyset.of(
    select(SkillRatingChange).where(
        SkillRatingChange.subject_kind == bindparam("kind"),
        SkillRatingChange.subject_id == bindparam("subject_id"),
        SkillRatingChange.sport_id == bindparam("sport_id"),
    ),
    (
        SortKey(SkillRatingChange.recorded_at, datetime, descending=True),
        SortKey(SkillRatingChange.id, uuid.UUID, descending=True),
    ),
)


class StatsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_missing(self, rows: Sequence[dict[str, Any]]) -> int:
        """Insert the match's rows that are not there yet; returns how many were new."""
        if not rows:
            return 0
        stmt = (
            insert(PlayerMatchStats)
            .values(list(rows))
            .on_conflict_do_nothing(index_elements=["match_id", "user_id"])
            .returning(PlayerMatchStats.user_id)
        )
        return len((await self.session.scalars(stmt)).all())

    async def totals(self, user_id: uuid.UUID, sport_id: uuid.UUID | None) -> list[dict[str, Any]]:
        """Per sport: matches, wins, draws, losses and every counted stat, summed."""
        stmt = (
            select(
                PlayerMatchStats.sport_id,
                func.count().label("matches"),
                *(
                    func.count().filter(PlayerMatchStats.result == result).label(label)
                    for result, label in (("WIN", "wins"), ("DRAW", "draws"), ("LOSS", "losses"))
                ),
                *(
                    func.coalesce(func.sum(getattr(PlayerMatchStats, c)), 0).label(c)
                    for c in STAT_COLUMNS
                ),
            )
            .where(PlayerMatchStats.user_id == user_id)
            .group_by(PlayerMatchStats.sport_id)
            .order_by(func.count().desc(), PlayerMatchStats.sport_id)
        )
        if sport_id is not None:
            stmt = stmt.where(PlayerMatchStats.sport_id == sport_id)
        return [dict(row._mapping) for row in (await self.session.execute(stmt)).all()]
