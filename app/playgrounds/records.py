"""Repositories of what people record about playgrounds: reviews, check-ins, reports, wins."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select, tuple_
from sqlalchemy.dialects.postgresql import distinct_on, insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import any_of
from app.pagination import Page, PageRequest, SortKey, build_page, keyset
from app.playgrounds.models import (
    ConditionReport,
    CourtStanding,
    CourtWin,
    PlaygroundCheckIn,
    PlaygroundReview,
    PlaygroundVisitor,
    ReportStatus,
)

RECENT_REVIEWS = 10

# Statements of the hot reads, built once: building one costs more than running it.
_CURRENT_CONDITIONS = (
    select(ConditionReport)
    .where(
        any_of(ConditionReport.playground_id, "playground_ids"),
        ConditionReport.status == ReportStatus.OPEN,
    )
    .ext(distinct_on(ConditionReport.playground_id))
    .order_by(
        ConditionReport.playground_id,
        ConditionReport.created_at.desc(),
        ConditionReport.id.desc(),
    )
)
_KINGS = (
    select(CourtStanding)
    .where(any_of(CourtStanding.playground_id, "playground_ids"))
    .ext(distinct_on(CourtStanding.playground_id))
    .order_by(
        CourtStanding.playground_id,
        CourtStanding.wins.desc(),
        CourtStanding.reached_at,
        CourtStanding.team_id,
    )
    .execution_options(populate_existing=True)
)


class ReviewRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_author(
        self, playground_id: uuid.UUID, author_id: uuid.UUID
    ) -> PlaygroundReview | None:
        stmt = select(PlaygroundReview).where(
            PlaygroundReview.playground_id == playground_id,
            PlaygroundReview.author_id == author_id,
        )
        return await self.session.scalar(stmt.execution_options(populate_existing=True))

    async def by_authors(
        self, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
    ) -> list[PlaygroundReview]:
        """Reviews by ``(playground_id, author_id)`` pairs."""
        pair = tuple_(PlaygroundReview.playground_id, PlaygroundReview.author_id)
        stmt = select(PlaygroundReview).where(pair.in_(keys))
        return list((await self.session.scalars(stmt)).all())

    async def add(self, review: PlaygroundReview) -> PlaygroundReview:
        self.session.add(review)
        await self.session.flush()
        return review

    async def delete(self, review: PlaygroundReview) -> None:
        await self.session.delete(review)
        await self.session.flush()

    async def recent_of(self, playground_ids: Sequence[uuid.UUID]) -> list[PlaygroundReview]:
        """The newest ``RECENT_REVIEWS`` reviews of each playground, newest first."""
        rank = (
            func.row_number()
            .over(
                partition_by=PlaygroundReview.playground_id,
                order_by=(PlaygroundReview.created_at.desc(), PlaygroundReview.id.desc()),
            )
            .label("rank")
        )
        ranked = (
            select(PlaygroundReview.id, rank)
            .where(PlaygroundReview.playground_id.in_(playground_ids))
            .subquery()
        )
        stmt = (
            select(PlaygroundReview)
            .join(ranked, ranked.c.id == PlaygroundReview.id)
            .where(ranked.c.rank <= RECENT_REVIEWS)
            .order_by(PlaygroundReview.created_at.desc(), PlaygroundReview.id.desc())
        )
        return list((await self.session.scalars(stmt)).all())

    async def page_of(
        self, playground_id: uuid.UUID, request: PageRequest
    ) -> Page[PlaygroundReview]:
        keys = (
            SortKey(PlaygroundReview.created_at, datetime, descending=True),
            SortKey(PlaygroundReview.id, uuid.UUID, descending=True),
        )
        stmt = select(PlaygroundReview).where(PlaygroundReview.playground_id == playground_id)
        rows = (await self.session.scalars(keyset(stmt, keys, request))).all()
        return build_page(rows, request, lambda review: (review.created_at, review.id))


class CheckInRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_once(
        self,
        *,
        playground_id: uuid.UUID,
        user_id: uuid.UUID,
        day: date,
        comment: str | None,
        now: datetime,
    ) -> PlaygroundCheckIn | None:
        """The new check-in, or ``None`` when the user already checked in there that day.

        ``ON CONFLICT`` makes a racing second request wait for the first and then do nothing.
        """
        stmt = (
            insert(PlaygroundCheckIn)
            .values(
                id=uuid.uuid4(),
                playground_id=playground_id,
                user_id=user_id,
                day=day,
                comment=comment,
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["playground_id", "user_id", "day"])
            .returning(PlaygroundCheckIn)
        )
        return (await self.session.scalars(stmt)).one_or_none()

    async def count_visit(
        self, playground_id: uuid.UUID, user_id: uuid.UUID, now: datetime
    ) -> None:
        stmt = insert(PlaygroundVisitor).values(
            playground_id=playground_id, user_id=user_id, check_ins=1, reached_at=now
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["playground_id", "user_id"],
            set_={"check_ins": PlaygroundVisitor.check_ins + 1, "reached_at": now},
        )
        await self.session.execute(stmt)

    async def leaderboard(
        self, playground_id: uuid.UUID, request: PageRequest
    ) -> Page[PlaygroundVisitor]:
        keys = (
            SortKey(PlaygroundVisitor.check_ins, int, descending=True),
            SortKey(PlaygroundVisitor.reached_at, datetime),
            SortKey(PlaygroundVisitor.user_id, uuid.UUID),
        )
        stmt = select(PlaygroundVisitor).where(PlaygroundVisitor.playground_id == playground_id)
        rows = (await self.session.scalars(keyset(stmt, keys, request))).all()
        return build_page(rows, request, lambda v: (v.check_ins, v.reached_at, v.user_id))


class ConditionReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, report: ConditionReport) -> ConditionReport:
        self.session.add(report)
        await self.session.flush()
        return report

    async def get(self, report_id: uuid.UUID) -> ConditionReport | None:
        return await self.session.get(ConditionReport, report_id)

    async def get_for_update(self, report_id: uuid.UUID) -> ConditionReport | None:
        return await self.session.get(
            ConditionReport, report_id, with_for_update=True, populate_existing=True
        )

    async def current_of(self, playground_ids: Sequence[uuid.UUID]) -> list[ConditionReport]:
        """The newest open report of each playground that has one."""
        params = {"playground_ids": list(playground_ids)}
        return list((await self.session.scalars(_CURRENT_CONDITIONS, params)).all())

    async def page(
        self,
        *,
        status: ReportStatus | None,
        playground_id: uuid.UUID | None,
        request: PageRequest,
    ) -> Page[ConditionReport]:
        """Oldest first: the moderators' queue is worked through in order."""
        stmt = select(ConditionReport)
        if status is not None:
            stmt = stmt.where(ConditionReport.status == status)
        if playground_id is not None:
            stmt = stmt.where(ConditionReport.playground_id == playground_id)
        keys = (
            SortKey(ConditionReport.created_at, datetime),
            SortKey(ConditionReport.id, uuid.UUID),
        )
        rows = (await self.session.scalars(keyset(stmt, keys, request))).all()
        return build_page(rows, request, lambda report: (report.created_at, report.id))


class CourtRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_win(
        self, *, match_id: uuid.UUID, playground_id: uuid.UUID, team_id: uuid.UUID, now: datetime
    ) -> bool:
        """Record the match's win; ``False`` when this match was recorded before."""
        stmt = (
            insert(CourtWin)
            .values(
                match_id=match_id, playground_id=playground_id, team_id=team_id, recorded_at=now
            )
            .on_conflict_do_nothing(index_elements=["match_id"])
            .returning(CourtWin.match_id)
        )
        return (await self.session.scalar(stmt)) is not None

    async def count_win(self, playground_id: uuid.UUID, team_id: uuid.UUID, now: datetime) -> int:
        stmt = (
            insert(CourtStanding)
            .values(playground_id=playground_id, team_id=team_id, wins=1, reached_at=now)
            .on_conflict_do_update(
                index_elements=["playground_id", "team_id"],
                set_={"wins": CourtStanding.wins + 1, "reached_at": now},
            )
            .returning(CourtStanding.wins)
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def kings_of(self, playground_ids: Sequence[uuid.UUID]) -> list[CourtStanding]:
        """The leading team of each playground that has confirmed wins."""
        params = {"playground_ids": list(playground_ids)}
        return list((await self.session.scalars(_KINGS, params)).all())
