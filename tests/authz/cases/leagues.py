"""Leagues: the owner is the league's organizer (an ORGANIZER by role to create one)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from tests.authz.matrix import Case, Cast, Outcome, everyone_signed_in
from tests.factories import create_match, create_sport, create_team
from tests.leagues.helpers import create_division, snapshot


async def owners_league(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    d = await create_division(session, organizer=cast.owner, teams=2)
    team = await create_team(session, sport=d.sport)
    match = await create_match(session, home=d.teams[0], away=d.teams[1])
    return {
        "id": str(d.league.id),
        "season": {"leagueId": str(d.league.id), "name": "Сезон 2", "divisionNames": ["Высший"]},
        "enter": {"divisionId": str(d.division.id), "teamId": str(team.id)},
        "fixture": {"divisionId": str(d.division.id), "matchId": str(match.id)},
    }


async def new_league(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    cast.owner.roles = [*cast.owner.roles, Role.ORGANIZER.value]
    await session.flush()
    sport = await create_sport(session)
    return {"v": {"name": "Лига района", "sportId": str(sport.id), "city": "Тула"}}


async def state(session: AsyncSession, cast: Cast) -> object:
    return await snapshot(session)


def mutation(name: str, key: str, arrange: Any = owners_league, **expect: Outcome) -> Case:
    input_type = f"{name[0].upper()}{name[1:]}Input"
    document = f"mutation(${key}: {input_type}!) {{ {name}(input: ${key}) {{ __typename }} }}"
    outcomes = expect or {"stranger": Outcome.FORBIDDEN}
    return Case(
        f"Mutation.{name}",
        document,
        everyone_signed_in(**outcomes),
        arrange=arrange,
        snapshot=state,
    )


CASES = [
    Case(
        "Query.league",
        "query($id: ID!) "
        "{ league(id: $id) { currentSeason { divisions { standings { wins } } } } }",
        everyone_signed_in(),
        arrange=owners_league,
    ),
    Case("Query.leagues", "query { leagues(first: 5) { nodes { id } } }", everyone_signed_in()),
    mutation("createLeague", "v", new_league, stranger=Outcome.FORBIDDEN),
    mutation("addLeagueSeason", "season"),
    mutation("enterLeagueTeam", "enter"),
    mutation("addLeagueFixture", "fixture"),
]
