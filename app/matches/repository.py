from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    Select,
    UnaryExpression,
    Uuid,
    and_,
    bindparam,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.db import any_of
from app.matches.models import Challenge, ChallengeStatus, Match, MatchStatus
from app.pagination import Page, PageRequest, SortKey, build_page, keyset

UPCOMING = (MatchStatus.SCHEDULED, MatchStatus.LIVE)
PLAYED = (MatchStatus.AWAITING_CONFIRMATION, MatchStatus.DISPUTED, MatchStatus.CONFIRMED)

# Built once: an alias of the 40-column table costs more to build than the query takes.
_CANDIDATE = aliased(Match, name="candidate")
_BY_IDS = select(Match).where(any_of(Match.id, "ids"))


class MatchOrder(StrEnum):
    LATEST_FIRST = "LATEST_FIRST"
    SOONEST_FIRST = "SOONEST_FIRST"


@dataclass(frozen=True, slots=True)
class MatchFilter:
    team_id: uuid.UUID | None = None
    playground_id: uuid.UUID | None = None
    statuses: Sequence[MatchStatus] | None = None
    scheduled_from: datetime | None = None
    scheduled_to: datetime | None = None


def _involving(team_id: object) -> ColumnElement[bool]:
    return or_(Match.home_team_id == team_id, Match.away_team_id == team_id)


class MatchRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, match_id: uuid.UUID) -> Match | None:
        return await self.session.get(Match, match_id)

    async def get_for_update(self, match_id: uuid.UUID) -> Match | None:
        """The match, locked until the transaction ends (see ``Match``)."""
        return await self.session.get(Match, match_id, with_for_update=True, populate_existing=True)

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[Match]:
        return list((await self.session.scalars(_BY_IDS, {"ids": list(ids)})).all())

    async def add(self, match: Match) -> Match:
        self.session.add(match)
        await self.session.flush()
        return match

    async def clashing(
        self, team_ids: Sequence[uuid.UUID], at: datetime, window: timedelta
    ) -> Match | None:
        """A match of any of the teams (not cancelled) starting less than ``window`` from ``at``."""
        stmt = (
            select(Match)
            .where(
                or_(Match.home_team_id.in_(team_ids), Match.away_team_id.in_(team_ids)),
                Match.status != MatchStatus.CANCELLED,
                Match.scheduled_at > at - window,
                Match.scheduled_at < at + window,
            )
            .order_by(Match.scheduled_at)
            .limit(1)
        )
        return await self.session.scalar(stmt)

    async def page(
        self, where: MatchFilter, order: MatchOrder, request: PageRequest
    ) -> Page[Match]:
        descending = order is MatchOrder.LATEST_FIRST
        keys = (
            SortKey(Match.scheduled_at, datetime, descending=descending),
            SortKey(Match.id, uuid.UUID, descending=descending),
        )
        stmt = keyset(_filtered(select(Match), where), keys, request)
        rows = (await self.session.scalars(stmt)).all()
        return build_page(rows, request, lambda match: (match.scheduled_at, match.id))

    async def of_teams(
        self,
        team_ids: Sequence[uuid.UUID],
        statuses: Sequence[MatchStatus],
        *,
        limit: int,
        soonest_first: bool,
    ) -> list[tuple[uuid.UUID, Match]]:
        """Up to ``limit`` matches of each team, as ``(team_id, match)`` in each team's order."""
        params = {"team_ids": list(team_ids), "statuses": list(statuses), "limit": limit}
        rows = await self.session.execute(_of_teams_statement(soonest_first), params)
        return [(team_id, match) for team_id, match in rows.all()]

    async def has_unfinished(self, team_id: uuid.UUID) -> bool:
        """Whether the team has a match that is not confirmed or cancelled yet."""
        finished = (MatchStatus.CONFIRMED, MatchStatus.CANCELLED)
        stmt = select(Match.id).where(_involving(team_id), Match.status.not_in(finished)).limit(1)
        return (await self.session.scalar(stmt)) is not None

    async def overdue_for_update(self, now: datetime, limit: int) -> list[Match]:
        """Reports left unanswered past their deadline, locked; rows another runner holds are
        skipped, so two runners never confirm the same match."""
        stmt = (
            select(Match)
            .where(Match.status == MatchStatus.AWAITING_CONFIRMATION, Match.confirm_by <= now)
            .order_by(Match.confirm_by)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
        return list((await self.session.scalars(stmt)).all())

    async def reminders_due_for_update(
        self, now: datetime, until: datetime, limit: int
    ) -> list[Match]:
        """Scheduled matches starting by ``until`` and not reminded of yet, locked; rows another
        runner holds are skipped, so two runners never remind of the same match."""
        stmt = (
            select(Match)
            .where(
                Match.status == MatchStatus.SCHEDULED,
                Match.reminded_at.is_(None),
                Match.scheduled_at > now,
                Match.scheduled_at <= until,
            )
            .order_by(Match.scheduled_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
        return list((await self.session.scalars(stmt)).all())


@cache
def _of_teams_statement(soonest_first: bool) -> Select[uuid.UUID, Match]:
    """Built once per order: a lateral join costs far more to build than to run."""
    teams = (
        func.unnest(bindparam("team_ids", type_=ARRAY(Uuid())))
        .table_valued("id")
        .render_derived(name="t")
    )
    candidate = _CANDIDATE
    picked = (
        select(candidate.id)
        .where(
            or_(candidate.home_team_id == teams.c.id, candidate.away_team_id == teams.c.id),
            candidate.status.in_(bindparam("statuses", expanding=True)),
        )
        .order_by(*_by_time(candidate, soonest_first))
        .limit(bindparam("limit", type_=Integer))
        .correlate(teams)
        .lateral()
    )
    return (
        select(teams.c.id, Match)
        .select_from(teams)
        .join(picked, true())
        .join(Match, Match.id == picked.c.id)
        .order_by(teams.c.id, *_by_time(Match, soonest_first))
    )


def _by_time(match: type[Match], soonest_first: bool) -> tuple[UnaryExpression[Any], ...]:
    if soonest_first:
        return match.scheduled_at.asc(), match.id.asc()
    return match.scheduled_at.desc(), match.id.desc()


def _filtered(stmt: Select[Match], where: MatchFilter) -> Select[Match]:
    if where.team_id is not None:
        stmt = stmt.where(_involving(where.team_id))
    if where.playground_id is not None:
        stmt = stmt.where(Match.playground_id == where.playground_id)
    if where.statuses:
        stmt = stmt.where(Match.status.in_(where.statuses))
    if where.scheduled_from is not None:
        stmt = stmt.where(Match.scheduled_at >= where.scheduled_from)
    if where.scheduled_to is not None:
        stmt = stmt.where(Match.scheduled_at < where.scheduled_to)
    return stmt


class ChallengeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, challenge_id: uuid.UUID) -> Challenge | None:
        return await self.session.get(Challenge, challenge_id)

    async def get_for_update(self, challenge_id: uuid.UUID) -> Challenge | None:
        return await self.session.get(
            Challenge, challenge_id, with_for_update=True, populate_existing=True
        )

    async def pending_between(self, a: uuid.UUID, b: uuid.UUID) -> Challenge | None:
        stmt = select(Challenge).where(
            Challenge.status == ChallengeStatus.PENDING,
            func.least(Challenge.from_team_id, Challenge.to_team_id) == min(a, b),
            func.greatest(Challenge.from_team_id, Challenge.to_team_id) == max(a, b),
        )
        return await self.session.scalar(stmt)

    async def add(self, challenge: Challenge) -> Challenge:
        self.session.add(challenge)
        await self.session.flush()
        return challenge

    async def page_for_team(
        self,
        team_id: uuid.UUID,
        status: ChallengeStatus | None,
        request: PageRequest,
        *,
        now: datetime,
    ) -> Page[Challenge]:
        """Sent and received challenges of the team, newest first, filtered by the status
        users see (``Challenge.status_at``)."""
        stmt = select(Challenge).where(
            or_(Challenge.from_team_id == team_id, Challenge.to_team_id == team_id)
        )
        if status is not None:
            stmt = stmt.where(_seen_status(status, now))
        keys = (
            SortKey(Challenge.created_at, datetime, descending=True),
            SortKey(Challenge.id, uuid.UUID, descending=True),
        )
        rows = (await self.session.scalars(keyset(stmt, keys, request))).all()
        return build_page(rows, request, lambda row: (row.created_at, row.id))


def _seen_status(status: ChallengeStatus, now: datetime) -> ColumnElement[bool]:
    pending = Challenge.status == ChallengeStatus.PENDING
    if status is ChallengeStatus.PENDING:
        return and_(pending, Challenge.proposed_at > now)
    if status is ChallengeStatus.EXPIRED:
        return or_(
            Challenge.status == ChallengeStatus.EXPIRED,
            and_(pending, Challenge.proposed_at <= now),
        )
    return Challenge.status == status
