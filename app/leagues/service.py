"""Leagues: organizers create them, add seasons with divisions, enter teams and link
matches to divisions; confirmed results of linked matches update the standings."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.auth.roles import Role
from app.errors import AccessDeniedError, FieldCode, NotFoundError
from app.events import emit
from app.leagues.errors import (
    FixtureNotAllowedError,
    TeamAlreadyEnteredError,
    TeamNotEligibleError,
)
from app.leagues.events import (
    LeagueCreated,
    LeagueFixtureAdded,
    LeagueSeasonAdded,
    LeagueStandingsUpdated,
    LeagueTeamEntered,
)
from app.leagues.models import DivisionTeam, League, LeagueDivision, LeagueFixture, LeagueSeason
from app.leagues.repository import FixtureRepository, LeagueRepository, StandingRepository
from app.matches import service as matches
from app.matches.models import MatchStatus
from app.pagination import Page, PageRequest
from app.sports import service as sports
from app.teams import service as teams
from app.validation import Validator

MAX_DIVISIONS = 10


async def create_league(
    session: AsyncSession,
    actor: Principal,
    name: str,
    sport_id: uuid.UUID | None,
    city: str,
    *,
    now: datetime,
) -> League:
    if not actor.has_any_role(Role.ORGANIZER) and not actor.is_staff:
        raise AccessDeniedError("Лиги создают организаторы")
    v = Validator()
    cleaned = v.text("name", name, min_len=3, max_len=100, required=True)
    town = v.text("city", city, min_len=2, max_len=100, required=True)
    if sport_id is None or await sports.get_sport(session, sport_id) is None:
        v.add("sportId", FieldCode.NOT_FOUND, "Нет такого вида спорта")
    v.raise_if_any()
    assert sport_id is not None
    league = League(
        name=cleaned or "",
        sport_id=sport_id,
        city=town or "",
        organizer_id=actor.user_id,
        created_at=now,
    )
    await LeagueRepository(session).add(league)
    event = LeagueCreated(
        league_id=league.id, sport_id=sport_id, city=league.city, organizer_id=actor.user_id
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return league


async def add_season(
    session: AsyncSession,
    actor: Principal,
    league_id: uuid.UUID,
    name: str,
    division_names: list[str],
    *,
    now: datetime,
) -> LeagueSeason:
    v = Validator()
    cleaned = v.text("name", name, min_len=2, max_len=100, required=True)
    if not 1 <= len(division_names) <= MAX_DIVISIONS:
        v.add("divisionNames", FieldCode.OUT_OF_RANGE, f"От 1 до {MAX_DIVISIONS} дивизионов")
    names = [
        v.text(f"divisionNames.{i}", n, min_len=1, max_len=100, required=True) or ""
        for i, n in enumerate(division_names[:MAX_DIVISIONS])
    ]
    v.raise_if_any()
    league = await _organized(session, actor, league_id)
    season = LeagueSeason(league_id=league.id, name=cleaned or "", created_at=now)
    repository = LeagueRepository(session)
    await repository.add(season)
    divisions = [
        LeagueDivision(season_id=season.id, league_id=league.id, name=n, position=i)
        for i, n in enumerate(names)
    ]
    await repository.add(*divisions)
    event = LeagueSeasonAdded(
        league_id=league.id, season_id=season.id, division_ids=[d.id for d in divisions]
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return season


async def enter_team(
    session: AsyncSession,
    actor: Principal,
    division_id: uuid.UUID,
    team_id: uuid.UUID,
    *,
    now: datetime,
) -> LeagueDivision:
    division, league = await _organized_division(session, actor, division_id)
    team = await teams.get_team(session, actor, team_id)
    if team is None or team.is_disbanded or team.sport_id != league.sport_id:
        raise TeamNotEligibleError()
    standings = StandingRepository(session)
    if await standings.entry(division.season_id, team_id) is not None:
        raise TeamAlreadyEnteredError()
    row = DivisionTeam(
        division_id=division.id, team_id=team_id, season_id=division.season_id, entered_at=now
    )
    await LeagueRepository(session).add(row)
    event = LeagueTeamEntered(league_id=league.id, division_id=division.id, team_id=team_id)
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return division


async def add_fixture(
    session: AsyncSession,
    actor: Principal,
    division_id: uuid.UUID,
    match_id: uuid.UUID,
    *,
    now: datetime,
) -> LeagueDivision:
    """Count a not yet confirmed match between two teams of the division for its standings."""
    division, league = await _organized_division(session, actor, division_id)
    match = await matches.get_match(session, actor, match_id)
    if match is None:
        raise NotFoundError()
    entered = await StandingRepository(session).rows_for_update(division.id, match.team_ids())
    if len(entered) != 2 or match.tournament_id is not None:
        raise FixtureNotAllowedError("Матч должен быть между командами дивизиона, вне турнира")
    if match.status in (MatchStatus.CONFIRMED, MatchStatus.CANCELLED):
        raise FixtureNotAllowedError("Засчитать можно только ещё не сыгранный матч")
    fixtures = FixtureRepository(session)
    if await fixtures.get(match.id) is not None:
        raise FixtureNotAllowedError("Матч уже засчитывается в лигу")
    fixture = LeagueFixture(
        match_id=match.id, division_id=division.id, added_by_id=actor.user_id, created_at=now
    )
    await LeagueRepository(session).add(fixture)
    event = LeagueFixtureAdded(league_id=league.id, division_id=division.id, match_id=match.id)
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return division


async def apply_confirmed_result(
    session: AsyncSession,
    match_id: uuid.UUID,
    scores: dict[uuid.UUID, tuple[int, int]],
    *,
    now: datetime,
) -> bool:
    """Record a confirmed league match in the standings once; ``False`` if nothing to do.

    ``scores`` maps each team to (scored, conceded). The fixture's row lock and its
    ``applied_at`` make a redelivered or replayed event a no-op.
    """
    fixture = await FixtureRepository(session).get_for_update(match_id)
    if fixture is None or fixture.applied_at is not None:
        return False
    rows = await StandingRepository(session).rows_for_update(fixture.division_id, list(scores))
    for team_id, (scored, conceded) in scores.items():
        if team_id in rows:
            rows[team_id].record(scored, conceded)
    fixture.applied_at = now
    await session.flush()
    division = await LeagueRepository(session).division(fixture.division_id)
    assert division is not None
    event = LeagueStandingsUpdated(
        league_id=division.league_id, division_id=division.id, match_id=match_id
    )
    emit(session, event, actor_id=None, occurred_at=now)
    return True


async def get_league(
    session: AsyncSession, viewer: Principal, league_id: uuid.UUID
) -> League | None:
    return await LeagueRepository(session).get(league_id)


async def leagues_by_id(
    session: AsyncSession, league_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, League]:
    """For work done on nobody's behalf (the search index): every league is public."""
    return {league.id: league for league in await LeagueRepository(session).get_many(league_ids)}


async def season_names(
    session: AsyncSession, league_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[str]]:
    names: dict[uuid.UUID, list[str]] = {league_id: [] for league_id in league_ids}
    for season in await LeagueRepository(session).seasons_of(league_ids):
        names[season.league_id].append(season.name)
    return names


async def divisions_of(
    session: AsyncSession, season_ids: Sequence[uuid.UUID]
) -> list[LeagueDivision]:
    """The seasons' divisions in their order."""
    return await LeagueRepository(session).divisions_of(season_ids)


async def list_leagues(
    session: AsyncSession,
    viewer: Principal,
    *,
    sport_id: uuid.UUID | None,
    city: str | None,
    page: PageRequest,
) -> Page[League]:
    return await LeagueRepository(session).page(sport_id, (city or "").strip() or None, page)


async def _organized(session: AsyncSession, actor: Principal, league_id: uuid.UUID) -> League:
    league = await LeagueRepository(session).get(league_id)
    if league is None:
        raise NotFoundError()
    if league.organizer_id != actor.user_id and not actor.is_staff:
        raise AccessDeniedError("Управлять лигой может только её организатор")
    return league


async def _organized_division(
    session: AsyncSession, actor: Principal, division_id: uuid.UUID
) -> tuple[LeagueDivision, League]:
    division = await LeagueRepository(session).division(division_id)
    if division is None:
        raise NotFoundError()
    return division, await _organized(session, actor, division.league_id)
