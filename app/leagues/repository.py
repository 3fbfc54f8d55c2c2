from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.leagues.models import DivisionTeam, League, LeagueDivision, LeagueFixture, LeagueSeason
from app.pagination import Page, PageRequest, SortKey, build_page, keyset

NEWEST_FIRST = (
    SortKey(League.created_at, datetime, descending=True),
    SortKey(League.id, uuid.UUID, descending=True),
)


class LeagueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *rows: object) -> None:
        self.session.add_all(rows)
        await self.session.flush()

    async def get(self, league_id: uuid.UUID) -> League | None:
        return await self.session.get(League, league_id)

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[League]:
        return list((await self.session.scalars(select(League).where(League.id.in_(ids)))).all())

    async def division(self, division_id: uuid.UUID) -> LeagueDivision | None:
        return await self.session.get(LeagueDivision, division_id)

    async def page(
        self, sport_id: uuid.UUID | None, city: str | None, request: PageRequest
    ) -> Page[League]:
        stmt = select(League)
        if sport_id is not None:
            stmt = stmt.where(League.sport_id == sport_id)
        if city:
            stmt = stmt.where(func.lower(League.city) == city.lower())
        rows = (await self.session.scalars(keyset(stmt, NEWEST_FIRST, request))).all()
        return build_page(rows, request, lambda league: (league.created_at, league.id))

    async def seasons_of(self, league_ids: Sequence[uuid.UUID]) -> list[LeagueSeason]:
        stmt = (
            select(LeagueSeason)
            .where(LeagueSeason.league_id.in_(league_ids))
            .order_by(LeagueSeason.created_at, LeagueSeason.id)
        )
        return list((await self.session.scalars(stmt)).all())

    async def divisions_of(self, season_ids: Sequence[uuid.UUID]) -> list[LeagueDivision]:
        stmt = (
            select(LeagueDivision)
            .where(LeagueDivision.season_id.in_(season_ids))
            .order_by(LeagueDivision.season_id, LeagueDivision.position)
        )
        return list((await self.session.scalars(stmt)).all())


class StandingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def entry(self, season_id: uuid.UUID, team_id: uuid.UUID) -> DivisionTeam | None:
        stmt = select(DivisionTeam).where(
            DivisionTeam.season_id == season_id, DivisionTeam.team_id == team_id
        )
        return await self.session.scalar(stmt)

    async def rows_for_update(
        self, division_id: uuid.UUID, team_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, DivisionTeam]:
        stmt = (
            select(DivisionTeam)
            .where(DivisionTeam.division_id == division_id, DivisionTeam.team_id.in_(team_ids))
            .order_by(DivisionTeam.team_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return {row.team_id: row for row in (await self.session.scalars(stmt)).all()}

    async def of_divisions(self, division_ids: Sequence[uuid.UUID]) -> list[DivisionTeam]:
        """Standings: points, then goal difference, then goals scored."""
        stmt = (
            select(DivisionTeam)
            .where(DivisionTeam.division_id.in_(division_ids))
            .order_by(
                DivisionTeam.division_id,
                DivisionTeam.points.desc(),
                (DivisionTeam.goals_for - DivisionTeam.goals_against).desc(),
                DivisionTeam.goals_for.desc(),
                DivisionTeam.entered_at,
                DivisionTeam.team_id,
            )
        )
        return list((await self.session.scalars(stmt)).all())


class FixtureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, match_id: uuid.UUID) -> LeagueFixture | None:
        return await self.session.get(LeagueFixture, match_id)

    async def get_for_update(self, match_id: uuid.UUID) -> LeagueFixture | None:
        return await self.session.get(
            LeagueFixture, match_id, with_for_update=True, populate_existing=True
        )
