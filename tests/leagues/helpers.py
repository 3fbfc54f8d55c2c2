"""Arrangements shared by the league tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.leagues.models import DivisionTeam, League, LeagueDivision, LeagueFixture, LeagueSeason
from app.matches.models import Match
from app.sports.models import Sport
from app.teams.models import Team
from app.users.models import User
from tests.factories import create_match, create_sport, create_team


@dataclass
class Division:
    league: League
    division: LeagueDivision
    sport: Sport
    teams: list[Team] = field(default_factory=list)

    async def fixture(self, session: AsyncSession, home: Team, away: Team) -> Match:
        match = await create_match(session, home=home, away=away)
        session.add(
            LeagueFixture(
                match_id=match.id,
                division_id=self.division.id,
                added_by_id=self.league.organizer_id,
            )
        )
        await session.flush()
        return match


async def create_division(
    session: AsyncSession, *, organizer: User, teams: int = 0, name: str = "Высший"
) -> Division:
    """A league of ``organizer`` with one season and one division holding ``teams`` teams."""
    sport = await create_sport(session)
    league = League(name="Лига двора", sport_id=sport.id, city="Москва", organizer_id=organizer.id)
    session.add(league)
    await session.flush()
    season = LeagueSeason(league_id=league.id, name="Сезон 1")
    session.add(season)
    await session.flush()
    division = LeagueDivision(season_id=season.id, league_id=league.id, name=name, position=0)
    session.add(division)
    await session.flush()
    result = Division(league, division, sport)
    for _ in range(teams):
        team = await create_team(session, sport=sport)
        session.add(DivisionTeam(division_id=division.id, team_id=team.id, season_id=season.id))
        result.teams.append(team)
    await session.flush()
    return result


async def snapshot(session: AsyncSession) -> object:
    tables = (League, LeagueSeason, LeagueDivision, DivisionTeam, LeagueFixture)
    rows = [(await session.execute(select(t.__table__))).all() for t in tables]
    return [sorted(map(tuple, r), key=str) for r in rows]
