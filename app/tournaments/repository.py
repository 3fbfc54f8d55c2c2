from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Integer, Select, bindparam, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import any_of
from app.pagination import Page, PageRequest, SortKey, build_page, keyset
from app.tournaments.models import (
    EntryStatus,
    Tournament,
    TournamentAnnouncement,
    TournamentEntry,
    TournamentJudge,
    TournamentMatch,
    TournamentStatus,
)

ORDER = (SortKey(Tournament.starts_at, datetime), SortKey(Tournament.id, uuid.UUID))
LIVE = (EntryStatus.PENDING, EntryStatus.APPROVED)
PUBLIC = (
    TournamentStatus.ANNOUNCED,
    TournamentStatus.REGISTRATION,
    TournamentStatus.IN_PROGRESS,
    TournamentStatus.SUSPENDED,
    TournamentStatus.FINISHED,
    TournamentStatus.CANCELLED,
)


# Statements of the hot reads, built once: building one costs more than running it.
_BY_IDS = select(Tournament).where(any_of(Tournament.id, "ids"))
_ENTRIES = (
    select(TournamentEntry)
    .where(
        any_of(TournamentEntry.tournament_id, "tournament_ids"),
        TournamentEntry.status.in_(bindparam("statuses", expanding=True)),
    )
    .order_by(
        TournamentEntry.tournament_id,
        TournamentEntry.seed.asc().nulls_last(),
        TournamentEntry.created_at,
        TournamentEntry.id,
    )
)
_SLOTS = (
    select(TournamentMatch)
    .where(any_of(TournamentMatch.tournament_id, "tournament_ids"))
    .order_by(TournamentMatch.tournament_id, TournamentMatch.created_at)
)


E = TypeVar("E", TournamentAnnouncement, TournamentEntry)


def _first_of_each(
    entity: type[E], of: Any, order: tuple[Any, ...], inner: Select[Any]
) -> Select[E]:
    """The rows of ``entity`` that ``inner`` (a select from its table) finds, the first
    ``:limit`` of each ``of`` group in ``order``, group by group."""
    rank = func.row_number().over(partition_by=of, order_by=order).label("rank")
    ranked = inner.with_only_columns(entity.id, rank).subquery()
    return (
        select(entity)
        .join(ranked, ranked.c.id == entity.id)
        .where(ranked.c.rank <= bindparam("limit", type_=Integer))
        .order_by(of, ranked.c.rank)
    )


_ANNOUNCEMENTS = _first_of_each(
    TournamentAnnouncement,
    TournamentAnnouncement.tournament_id,
    (TournamentAnnouncement.created_at.desc(), TournamentAnnouncement.id.desc()),
    select(TournamentAnnouncement).where(
        any_of(TournamentAnnouncement.tournament_id, "tournament_ids")
    ),
)
_ENTRIES_OF_TEAMS = _first_of_each(
    TournamentEntry,
    TournamentEntry.team_id,
    (Tournament.starts_at.desc(), Tournament.id.desc()),
    select(TournamentEntry)
    .join(Tournament, Tournament.id == TournamentEntry.tournament_id)
    .where(
        any_of(TournamentEntry.team_id, "team_ids"),
        TournamentEntry.status == EntryStatus.APPROVED,
    ),
)


@dataclass(frozen=True, slots=True)
class TournamentFilter:
    viewer_id: uuid.UUID
    sport_ids: Sequence[uuid.UUID] | None = None
    statuses: Sequence[TournamentStatus] | None = None
    city: str | None = None
    starts_from: datetime | None = None
    starts_to: datetime | None = None
    search: str | None = None


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class TournamentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, tournament_id: uuid.UUID) -> Tournament | None:
        return await self.session.get(Tournament, tournament_id)

    async def get_for_update(self, tournament_id: uuid.UUID) -> Tournament | None:
        """The tournament, locked until the transaction ends (see ``Tournament``)."""
        return await self.session.get(
            Tournament, tournament_id, with_for_update=True, populate_existing=True
        )

    async def get_by_slug(self, slug: str) -> Tournament | None:
        return await self.session.scalar(select(Tournament).where(Tournament.slug == slug))

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[Tournament]:
        return list((await self.session.scalars(_BY_IDS, {"ids": list(ids)})).all())

    async def slugs_like(self, base: str) -> set[str]:
        stmt = select(Tournament.slug).where(Tournament.slug.regexp_match(f"^{base}(-[0-9]+)?$"))
        return set((await self.session.scalars(stmt)).all())

    async def lock_name(self, key: str) -> None:
        """A transaction-scoped advisory lock, for rules that span rows not yet written."""
        await self.session.execute(
            select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0)))
        )

    async def add(self, tournament: Tournament) -> Tournament:
        self.session.add(tournament)
        await self.session.flush()
        return tournament

    async def page(self, where: TournamentFilter, request: PageRequest) -> Page[Tournament]:
        """Public tournaments, and the viewer's own drafts."""
        stmt = select(Tournament).where(
            Tournament.status.in_(PUBLIC) | (Tournament.organizer_id == where.viewer_id)
        )
        if where.sport_ids is not None:
            stmt = stmt.where(Tournament.sport_id.in_(where.sport_ids))
        if where.statuses:
            stmt = stmt.where(Tournament.status.in_(where.statuses))
        if where.city:
            stmt = stmt.where(func.lower(Tournament.city) == func.lower(where.city))
        if where.starts_from:
            stmt = stmt.where(Tournament.starts_at >= where.starts_from)
        if where.starts_to:
            stmt = stmt.where(Tournament.starts_at < where.starts_to)
        if where.search:
            pattern = func.lower(f"%{escape_like(where.search)}%")
            stmt = stmt.where(func.lower(Tournament.name).like(pattern, escape="\\"))
        rows = (await self.session.scalars(keyset(stmt, ORDER, request))).all()
        return build_page(rows, request, lambda t: (t.starts_at, t.id))


class EntryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, entry_id: uuid.UUID) -> TournamentEntry | None:
        return await self.session.get(TournamentEntry, entry_id)

    async def get_for_update(self, entry_id: uuid.UUID) -> TournamentEntry | None:
        return await self.session.get(
            TournamentEntry, entry_id, with_for_update=True, populate_existing=True
        )

    async def add(self, entry: TournamentEntry) -> TournamentEntry:
        self.session.add(entry)
        await self.session.flush()
        return entry

    async def of_tournaments(
        self, tournament_ids: Sequence[uuid.UUID], statuses: Sequence[EntryStatus]
    ) -> list[TournamentEntry]:
        """Entries in seed order (then application order)."""
        params = {"tournament_ids": list(tournament_ids), "statuses": list(statuses)}
        return list((await self.session.scalars(_ENTRIES, params)).all())

    async def approved_of_teams(
        self, team_ids: Sequence[uuid.UUID], limit: int
    ) -> list[TournamentEntry]:
        """Each team's newest ``limit`` approved entries, latest tournament start first."""
        params = {"team_ids": list(team_ids), "limit": limit}
        return list((await self.session.scalars(_ENTRIES_OF_TEAMS, params)).all())

    async def live_of_team(self, tournament_id: uuid.UUID, team_id: uuid.UUID) -> bool:
        stmt = select(TournamentEntry.id).where(
            TournamentEntry.tournament_id == tournament_id,
            TournamentEntry.team_id == team_id,
            TournamentEntry.status.in_(LIVE),
        )
        return await self.session.scalar(stmt) is not None

    async def count_approved(self, tournament_id: uuid.UUID) -> int:
        stmt = select(func.count()).where(
            TournamentEntry.tournament_id == tournament_id,
            TournamentEntry.status == EntryStatus.APPROVED,
        )
        return int(await self.session.scalar(stmt) or 0)

    async def players_entered(
        self, tournament_id: uuid.UUID, user_ids: Sequence[uuid.UUID]
    ) -> bool:
        """Whether any of the players is on a live entry's roster of this tournament."""
        stmt = select(TournamentEntry.id).where(
            TournamentEntry.tournament_id == tournament_id,
            TournamentEntry.status.in_(LIVE),
            TournamentEntry.roster_user_ids.overlap(list(user_ids)),
        )
        return await self.session.scalar(stmt.limit(1)) is not None

    async def team_in_running_tournament(self, team_id: uuid.UUID) -> Tournament | None:
        stmt = (
            select(Tournament)
            .join(TournamentEntry, TournamentEntry.tournament_id == Tournament.id)
            .where(
                TournamentEntry.team_id == team_id,
                TournamentEntry.status.in_(LIVE),
                Tournament.status.in_(
                    (
                        TournamentStatus.REGISTRATION,
                        TournamentStatus.IN_PROGRESS,
                        TournamentStatus.SUSPENDED,
                    )
                ),
            )
        )
        return await self.session.scalar(stmt.limit(1))


class JudgeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_tournaments(self, tournament_ids: Sequence[uuid.UUID]) -> list[TournamentJudge]:
        stmt = (
            select(TournamentJudge)
            .where(TournamentJudge.tournament_id.in_(tournament_ids))
            .order_by(TournamentJudge.tournament_id, TournamentJudge.assigned_at)
        )
        return list((await self.session.scalars(stmt)).all())

    async def add(self, judge: TournamentJudge) -> None:
        self.session.add(judge)
        await self.session.flush()

    async def remove(self, tournament_id: uuid.UUID, user_id: uuid.UUID) -> bool:
        result = await self.session.execute(
            delete(TournamentJudge)
            .where(
                TournamentJudge.tournament_id == tournament_id,
                TournamentJudge.user_id == user_id,
            )
            .returning(TournamentJudge.user_id)
        )
        return result.first() is not None


class AnnouncementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, announcement_id: uuid.UUID) -> TournamentAnnouncement | None:
        return await self.session.get(TournamentAnnouncement, announcement_id)

    async def add(self, announcement: TournamentAnnouncement) -> TournamentAnnouncement:
        self.session.add(announcement)
        await self.session.flush()
        return announcement

    async def of_tournaments(
        self, tournament_ids: Sequence[uuid.UUID], limit: int
    ) -> list[TournamentAnnouncement]:
        """The newest ``limit`` announcements of each tournament, newest first."""
        params = {"tournament_ids": list(tournament_ids), "limit": limit}
        return list((await self.session.scalars(_ANNOUNCEMENTS, params)).all())


class SlotRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_tournaments(self, tournament_ids: Sequence[uuid.UUID]) -> list[TournamentMatch]:
        rows = await self.session.scalars(_SLOTS, {"tournament_ids": list(tournament_ids)})
        return list(rows.all())

    async def by_match(self, match_id: uuid.UUID) -> TournamentMatch | None:
        stmt = select(TournamentMatch).where(TournamentMatch.match_id == match_id)
        return await self.session.scalar(stmt)

    async def add_all(self, slots: Sequence[TournamentMatch]) -> None:
        self.session.add_all(slots)
        await self.session.flush()
