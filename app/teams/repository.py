from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Generic, TypeVar

from sqlalchemy import Select, case, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import any_of
from app.pagination import CursorValue, Page, PageRequest, SortKey, build_page, keyset
from app.teams.models import (
    FormResult,
    Team,
    TeamApplication,
    TeamHomePlayground,
    TeamInvitation,
    TeamMember,
    TeamResult,
    TeamRole,
)


class TeamOrder(StrEnum):
    RATING = "RATING"
    NAME = "NAME"
    CREATED = "CREATED"


ORDERINGS: dict[TeamOrder, tuple[SortKey, ...]] = {
    TeamOrder.RATING: (
        SortKey(Team.rating, float, descending=True),
        SortKey(Team.search_name, str),
        SortKey(Team.id, uuid.UUID),
    ),
    TeamOrder.NAME: (SortKey(Team.search_name, str), SortKey(Team.id, uuid.UUID)),
    TeamOrder.CREATED: (
        SortKey(Team.created_at, datetime, descending=True),
        SortKey(Team.id, uuid.UUID, descending=True),
    ),
}


LEADERBOARD_ORDER = (
    SortKey(Team.rating, float, descending=True),
    SortKey(Team.id, uuid.UUID, descending=True),
)


def leaderboard_statement(
    sport_id: uuid.UUID, city: str | None, request: PageRequest
) -> Select[Team]:
    """Active teams of one sport by rating, read along ``ix_teams_*_leaderboard``."""
    stmt = select(Team).where(Team.disbanded_at.is_(None), Team.sport_id == sport_id)
    if city:
        stmt = stmt.where(func.lower(Team.city) == func.lower(city))
    return keyset(stmt, LEADERBOARD_ORDER, request)


def _cursor_values(order: TeamOrder, team: Team) -> tuple[CursorValue, ...]:
    if order is TeamOrder.RATING:
        return (team.rating, team.search_name, team.id)
    if order is TeamOrder.NAME:
        return (team.search_name, team.id)
    return (team.created_at, team.id)


# Statements of the hot reads, built once: building one costs more than running it.
_BY_IDS = select(Team).where(any_of(Team.id, "ids"))
_ACTIVE_OF_MEMBERS = (
    select(TeamMember.user_id, Team)
    .join(TeamMember, TeamMember.team_id == Team.id)
    .where(any_of(TeamMember.user_id, "user_ids"), Team.disbanded_at.is_(None))
    .order_by(Team.name, Team.id)
)
_HOME_PLAYGROUNDS = (
    select(TeamHomePlayground.team_id, TeamHomePlayground.playground_id)
    .where(any_of(TeamHomePlayground.team_id, "team_ids"))
    .order_by(TeamHomePlayground.team_id, TeamHomePlayground.position)
)


@dataclass(frozen=True, slots=True)
class TeamFilter:
    sport_ids: Sequence[uuid.UUID] | None = None
    city: str | None = None
    search: str | None = None


class TeamRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, team_id: uuid.UUID) -> Team | None:
        return await self.session.get(Team, team_id)

    async def get_for_update(self, team_id: uuid.UUID) -> Team | None:
        """The team, locked until the transaction ends (see ``Team``)."""
        return await self.session.get(Team, team_id, with_for_update=True, populate_existing=True)

    async def get_by_slug(self, slug: str) -> Team | None:
        return await self.session.scalar(select(Team).where(Team.slug == slug))

    async def active_of_member(self, user_id: uuid.UUID) -> list[Team]:
        return [team for _, team in await self.active_of_members([user_id])]

    async def active_of_members(
        self, user_ids: Sequence[uuid.UUID]
    ) -> list[tuple[uuid.UUID, Team]]:
        """(member, team) pairs of the users' active teams, each user's by team name."""
        rows = await self.session.execute(_ACTIVE_OF_MEMBERS, {"user_ids": list(user_ids)})
        return [(user_id, team) for user_id, team in rows.all()]

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[Team]:
        return list((await self.session.scalars(_BY_IDS, {"ids": list(ids)})).all())

    async def lock_name(self, key: str) -> None:
        """A transaction-scoped advisory lock, for rules that span rows not yet written."""
        await self.session.execute(
            select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0)))
        )

    async def slugs_like(self, base: str) -> set[str]:
        """Taken slugs that are ``base`` or ``base-<n>`` (bases are ``[a-z0-9-]`` only)."""
        stmt = select(Team.slug).where(Team.slug.regexp_match(f"^{base}(-[0-9]+)?$"))
        return set((await self.session.scalars(stmt)).all())

    async def count_captained(self, user_id: uuid.UUID) -> int:
        stmt = (
            select(func.count())
            .select_from(TeamMember)
            .join(Team, Team.id == TeamMember.team_id)
            .where(
                TeamMember.user_id == user_id,
                TeamMember.role == TeamRole.CAPTAIN,
                Team.disbanded_at.is_(None),
            )
        )
        return int(await self.session.scalar(stmt) or 0)

    async def home_playground_ids(
        self, team_ids: Sequence[uuid.UUID]
    ) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """``(team_id, playground_id)`` pairs in the captain's order."""
        rows = await self.session.execute(_HOME_PLAYGROUNDS, {"team_ids": list(team_ids)})
        return [(t, p) for t, p in rows.all()]

    async def replace_home_playgrounds(
        self, team_id: uuid.UUID, playground_ids: Sequence[uuid.UUID]
    ) -> None:
        await self.session.execute(
            delete(TeamHomePlayground).where(TeamHomePlayground.team_id == team_id)
        )
        self.session.add_all(
            TeamHomePlayground(team_id=team_id, playground_id=playground_id, position=i)
            for i, playground_id in enumerate(playground_ids)
        )
        await self.session.flush()

    async def page(self, where: TeamFilter, order: TeamOrder, request: PageRequest) -> Page[Team]:
        stmt = select(Team).where(Team.disbanded_at.is_(None))
        if where.sport_ids is not None:
            stmt = stmt.where(Team.sport_id.in_(where.sport_ids))
        if where.city:
            stmt = stmt.where(func.lower(Team.city) == func.lower(where.city))
        if where.search:
            pattern = func.lower(f"%{escape_like(where.search)}%")
            stmt = stmt.where(Team.search_name.like(pattern, escape="\\"))
        rows = (await self.session.scalars(keyset(stmt, ORDERINGS[order], request))).all()
        return build_page(rows, request, lambda team: _cursor_values(order, team))

    async def leaderboard(
        self, sport_id: uuid.UUID, city: str | None, request: PageRequest
    ) -> Page[Team]:
        stmt = leaderboard_statement(sport_id, city, request)
        rows = (await self.session.scalars(stmt)).all()
        return build_page(rows, request, lambda team: (team.rating, team.id))


_ROLE_ORDER = case(
    (TeamMember.role == TeamRole.CAPTAIN, 0),
    (TeamMember.role == TeamRole.COACH, 1),
    (TeamMember.role == TeamRole.MANAGER, 2),
    else_=3,
)


_MEMBERS_OF_TEAMS = (
    select(TeamMember)
    .where(any_of(TeamMember.team_id, "team_ids"))
    .order_by(_ROLE_ORDER, TeamMember.joined_at, TeamMember.user_id)
)
_CAPTAINS_OF_TEAMS = select(TeamMember).where(
    any_of(TeamMember.team_id, "team_ids"),
    TeamMember.role == TeamRole.CAPTAIN,
)
_MEMBER_COUNTS = (
    select(TeamMember.team_id, func.count())
    .where(any_of(TeamMember.team_id, "team_ids"))
    .group_by(TeamMember.team_id)
)


class MemberRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, team_id: uuid.UUID, user_id: uuid.UUID) -> TeamMember | None:
        return await self.session.get(TeamMember, (team_id, user_id), populate_existing=True)

    async def of_teams(self, team_ids: Sequence[uuid.UUID]) -> list[TeamMember]:
        """Captain first, then staff, then players, each by joining time."""
        rows = await self.session.scalars(_MEMBERS_OF_TEAMS, {"team_ids": list(team_ids)})
        return list(rows.all())

    async def captains_of(self, team_ids: Sequence[uuid.UUID]) -> list[TeamMember]:
        rows = await self.session.scalars(_CAPTAINS_OF_TEAMS, {"team_ids": list(team_ids)})
        return list(rows.all())

    async def counts(self, team_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        rows = await self.session.execute(_MEMBER_COUNTS, {"team_ids": list(team_ids)})
        return {team_id: int(n) for team_id, n in rows.all()}

    async def count(self, team_id: uuid.UUID) -> int:
        return (await self.counts([team_id])).get(team_id, 0)

    async def user_ids(self, team_id: uuid.UUID) -> list[uuid.UUID]:
        stmt = select(TeamMember.user_id).where(TeamMember.team_id == team_id)
        return list((await self.session.scalars(stmt.order_by(TeamMember.joined_at))).all())

    async def add(
        self, team_id: uuid.UUID, user_id: uuid.UUID, role: TeamRole, now: datetime
    ) -> TeamMember:
        member = TeamMember(team_id=team_id, user_id=user_id, role=role, joined_at=now)
        self.session.add(member)
        await self.session.flush()
        return member

    async def remove(self, member: TeamMember) -> None:
        await self.session.delete(member)
        await self.session.flush()

    async def set_role(self, member: TeamMember, role: TeamRole) -> None:
        member.role = role
        await self.session.flush()


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


R = TypeVar("R", TeamApplication, TeamInvitation)


class _RequestRepository(Generic[R]):
    """Applications and invitations: both link a user and a team and wait in ``PENDING``."""

    model: type[R]

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, request_id: uuid.UUID, *, fresh: bool = False) -> R | None:
        return await self.session.get(self.model, request_id, populate_existing=fresh)

    async def pending(self, team_id: uuid.UUID, user_id: uuid.UUID) -> R | None:
        stmt = select(self.model).where(
            self.model.team_id == team_id,
            self.model.user_id == user_id,
            self.model.status == "PENDING",
        )
        return await self.session.scalar(stmt)

    async def add(self, request: R) -> R:
        self.session.add(request)
        await self.session.flush()
        return request

    async def page_for_team(
        self, team_id: uuid.UUID, status: str | None, request: PageRequest
    ) -> Page[R]:
        return await self._page(self.model.team_id == team_id, status, request)

    async def page_for_user(
        self, user_id: uuid.UUID, status: str | None, request: PageRequest
    ) -> Page[R]:
        return await self._page(self.model.user_id == user_id, status, request)

    async def _page(self, owner: object, status: str | None, request: PageRequest) -> Page[R]:
        stmt = select(self.model).where(owner)  # type: ignore[arg-type]
        if status is not None:
            stmt = stmt.where(self.model.status == status)
        keys = (
            SortKey(self.model.created_at, datetime, descending=True),
            SortKey(self.model.id, uuid.UUID, descending=True),
        )
        rows = (await self.session.scalars(keyset(stmt, keys, request))).all()
        return build_page(rows, request, lambda row: (row.created_at, row.id))

    async def cancel_pending(self, team_id: uuid.UUID) -> list[uuid.UUID]:
        stmt = (
            update(self.model)
            .where(self.model.team_id == team_id, self.model.status == "PENDING")
            .values(status="CANCELLED")
            .returning(self.model.id)
        )
        return list((await self.session.scalars(stmt)).all())


class ApplicationRepository(_RequestRepository[TeamApplication]):
    model = TeamApplication


class InvitationRepository(_RequestRepository[TeamInvitation]):
    model = TeamInvitation


class ResultRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self,
        team_id: uuid.UUID,
        match_id: uuid.UUID,
        result: FormResult,
        played_at: datetime,
        now: datetime,
    ) -> bool:
        """Record the result; ``False`` when this match was recorded for the team before."""
        stmt = (
            pg_insert(TeamResult)
            .values(
                team_id=team_id,
                match_id=match_id,
                result=result,
                played_at=played_at,
                recorded_at=now,
            )
            .on_conflict_do_nothing(index_elements=["team_id", "match_id"])
            .returning(TeamResult.match_id)
        )
        return (await self.session.scalar(stmt)) is not None

    async def latest(self, team_id: uuid.UUID, limit: int) -> list[FormResult]:
        stmt = (
            select(TeamResult.result)
            .where(TeamResult.team_id == team_id)
            .order_by(TeamResult.played_at.desc(), TeamResult.match_id.desc())
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())
