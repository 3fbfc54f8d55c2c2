"""An organizer builds a league: seasons with divisions, teams, fixtures."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.leagues.models import DivisionTeam, LeagueFixture
from app.matches.models import MatchStatus
from tests.factories import create_match, create_sport, create_team, create_user
from tests.fixtures.app import GQL
from tests.fixtures.statements import StatementCounter
from tests.leagues.helpers import create_division, snapshot

ERRORS = "... on UserError { code message }"


def _mutation(name: str, payload: str) -> str:
    input_type = f"{name[0].upper()}{name[1:]}Input"
    return f"""
    mutation($input: {input_type}!) {{
      {name}(input: $input) {{ __typename ... on {payload} {ERRORS} }}
    }}
    """


CREATE = _mutation("createLeague", "LeaguePayload { league { id name } }")
ADD_SEASON = _mutation(
    "addLeagueSeason", "LeagueSeasonPayload { season { id divisions { id name } } }"
)
ENTER = _mutation("enterLeagueTeam", "LeagueDivisionPayload { division { id } }")
FIXTURE = _mutation("addLeagueFixture", "LeagueDivisionPayload { division { id } }")
LEAGUE = """
query($id: ID!) {
  league(id: $id) {
    name sport { id } organizer { id }
    seasons { name }
    currentSeason { name divisions { name standings { position points team { id } } } }
  }
}
"""


async def test_an_organizer_builds_a_league(session: AsyncSession, gql: GQL) -> None:
    organizer = await create_user(session, roles=[Role.ORGANIZER])
    sport = await create_sport(session)
    team = await create_team(session, sport=sport)
    league_input = {"name": "Дворовая лига", "sportId": str(sport.id), "city": "Казань"}

    created = await gql(CREATE, {"input": league_input}, as_user=organizer)
    league_id = created.data["createLeague"]["league"]["id"]
    season_input = {"leagueId": league_id, "name": "Сезон 1", "divisionNames": ["Высший", "Первый"]}
    season = await gql(ADD_SEASON, {"input": season_input}, as_user=organizer)
    first = season.data["addLeagueSeason"]["season"]["divisions"][0]["id"]
    entered = await gql(
        ENTER, {"input": {"divisionId": first, "teamId": str(team.id)}}, as_user=organizer
    )
    page = await gql(LEAGUE, {"id": league_id}, as_user=organizer)

    assert entered.data["enterLeagueTeam"]["__typename"] == "LeagueDivisionPayload"
    assert page.data["league"] == {
        "name": "Дворовая лига",
        "sport": {"id": str(sport.id)},
        "organizer": {"id": str(organizer.id)},
        "seasons": [{"name": "Сезон 1"}],
        "currentSeason": {
            "name": "Сезон 1",
            "divisions": [
                {
                    "name": "Высший",
                    "standings": [{"position": 1, "points": 0, "team": {"id": str(team.id)}}],
                },
                {"name": "Первый", "standings": []},
            ],
        },
    }


async def test_a_player_cannot_create_a_league(session: AsyncSession, gql: GQL) -> None:
    player = await create_user(session)
    sport = await create_sport(session)
    before = await snapshot(session)

    response = await gql(
        CREATE,
        {"input": {"name": "Лига", "sportId": str(sport.id), "city": "Омск"}},
        as_user=player,
    )

    assert response.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before


async def test_a_team_plays_in_one_division_per_season(session: AsyncSession, gql: GQL) -> None:
    organizer = await create_user(session, roles=[Role.ORGANIZER])
    d = await create_division(session, organizer=organizer, teams=1)
    other_sport_team = await create_team(session)
    before = await snapshot(session)

    again = await gql(
        ENTER,
        {"input": {"divisionId": str(d.division.id), "teamId": str(d.teams[0].id)}},
        as_user=organizer,
    )
    wrong_sport = await gql(
        ENTER,
        {"input": {"divisionId": str(d.division.id), "teamId": str(other_sport_team.id)}},
        as_user=organizer,
    )

    assert again.data["enterLeagueTeam"]["code"] == "TEAM_ALREADY_ENTERED"
    assert wrong_sport.data["enterLeagueTeam"]["code"] == "TEAM_NOT_ELIGIBLE"
    assert await snapshot(session) == before


async def test_fixtures_are_matches_between_the_divisions_teams(
    session: AsyncSession, gql: GQL
) -> None:
    organizer = await create_user(session, roles=[Role.ORGANIZER])
    d = await create_division(session, organizer=organizer, teams=3)
    home, away, third = d.teams
    ok = await create_match(session, home=home, away=away)
    outsider = await create_match(
        session, home=home, away=await create_team(session, sport=d.sport)
    )
    played = await create_match(session, home=away, away=third, status=MatchStatus.CONFIRMED)
    division = str(d.division.id)

    added = await gql(
        FIXTURE, {"input": {"divisionId": division, "matchId": str(ok.id)}}, as_user=organizer
    )
    before = await snapshot(session)
    refused = [
        (
            await gql(
                FIXTURE,
                {"input": {"divisionId": division, "matchId": str(m.id)}},
                as_user=organizer,
            )
        ).data["addLeagueFixture"]["code"]
        for m in (outsider, played, ok)
    ]

    assert added.data["addLeagueFixture"]["__typename"] == "LeagueDivisionPayload"
    assert [f.match_id for f in await session.scalars(select(LeagueFixture))] == [ok.id]
    assert refused == ["FIXTURE_NOT_ALLOWED"] * 3
    assert await snapshot(session) == before


async def test_the_league_page_costs_the_same_for_more_teams(
    session: AsyncSession, gql: GQL, count_statements: StatementCounter
) -> None:
    organizer = await create_user(session, roles=[Role.ORGANIZER])
    small = await create_division(session, organizer=organizer, teams=1)
    large = await create_division(session, organizer=organizer, teams=6)

    with count_statements() as one:
        await gql(LEAGUE, {"id": str(small.league.id)}, as_user=organizer)
    with count_statements() as many:
        response = await gql(LEAGUE, {"id": str(large.league.id)}, as_user=organizer)

    standings = response.data["league"]["currentSeason"]["divisions"][0]["standings"]
    assert len(standings) == 6
    assert len(one) == len(many), str(many)
    assert await session.scalar(select(DivisionTeam.points).limit(1)) == 0
