"""team(id | slug) and teams(...): the team page and the teams list."""

from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.teams.models import TeamRole
from tests.factories import add_member, create_sport, create_team, create_user
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.statements import StatementCounter

TEAM_PAGE = """
query TeamPage($id: ID, $slug: String) {
  team(id: $id, slug: $slug) {
    id slug name city motto logoUrl rating wins draws losses form createdAt disbandedAt
    memberCount
    sport { id code name rosterMax }
    captain { id displayName avatarUrl }
    members { role joinedAt user { id displayName avatarUrl } }
  }
}
"""

TEAMS = """
query Teams($sportId: ID, $city: String, $search: String, $orderBy: TeamOrder, $first: Int!,
            $after: String) {
  teams(sportId: $sportId, city: $city, search: $search, orderBy: $orderBy, first: $first,
        after: $after) {
    nodes {
      id name slug rating wins draws losses form memberCount
      sport { name icon } captain { displayName }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def names(gql: GQL, viewer: Any, **variables: Any) -> list[str]:
    response = await gql(TEAMS, {"first": 50, **variables}, as_user=viewer)
    assert response.errors is None, response.errors
    return [node["name"] for node in response.data["teams"]["nodes"]]


async def test_the_team_page_by_id_and_by_slug(gql: GQL, session: AsyncSession) -> None:
    sport = await create_sport(session, code="volleyball", name="Волейбол", roster=(6, 14))
    captain = await create_user(session, display_name="Капитан")
    team = await create_team(
        session,
        captain=captain,
        sport=sport,
        name="Вымпел",
        slug="vympel",
        wins=3,
        draws=1,
        losses=2,
        form=["WIN", "LOSS", "DRAW"],
        rating=1234.5,
    )
    player = await add_member(session, team=team)
    coach = await add_member(session, team=team, role=TeamRole.COACH)
    viewer = await create_user(session)

    by_id = await gql(TEAM_PAGE, {"id": str(team.id)}, as_user=viewer)
    by_slug = await gql(TEAM_PAGE, {"slug": "VYMPEL"}, as_user=viewer)

    assert by_id.errors is None
    page = by_id.data["team"]
    assert by_slug.data == by_id.data
    assert (page["slug"], page["rating"], page["wins"], page["draws"], page["losses"]) == (
        "vympel",
        1234.5,
        3,
        1,
        2,
    )
    assert page["form"] == ["WIN", "LOSS", "DRAW"]
    assert page["sport"] == {
        "id": str(sport.id),
        "code": "volleyball",
        "name": "Волейбол",
        "rosterMax": 14,
    }
    assert page["captain"]["displayName"] == "Капитан"
    assert page["memberCount"] == 3
    assert [(m["role"], m["user"]["id"]) for m in page["members"]] == [
        ("CAPTAIN", str(captain.id)),
        ("COACH", str(coach.id)),
        ("PLAYER", str(player.id)),
    ]


async def test_missing_teams_are_null(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)

    for variables in ({"id": "00000000-0000-0000-0000-000000000000"}, {"id": "x"}, {"slug": "no"}):
        response = await gql(TEAM_PAGE, variables, as_user=viewer)
        assert response.errors is None
        assert response.data == {"team": None}


async def test_team_needs_exactly_one_key(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    team = await create_team(session)

    both = await gql(TEAM_PAGE, {"id": str(team.id), "slug": team.slug}, as_user=viewer)
    neither = await gql(TEAM_PAGE, {}, as_user=viewer)

    assert both.error_codes == ["BAD_USER_INPUT"]
    assert neither.error_codes == ["BAD_USER_INPUT"]


async def test_teams_are_for_signed_in_users(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)

    page = await gql(TEAM_PAGE, {"id": str(team.id)})
    listing = await gql(TEAMS, {"first": 5})

    assert page.error_codes == listing.error_codes == ["UNAUTHENTICATED"]


async def test_the_team_page_runs_in_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    """Viewer, team, count, sport, captain, members, the captain's user, the others' users.

    The captain's user and the other members' users are loaded at different depths of the
    query, so in separate batches; a team of two shows the same count as a team of 25.
    """
    viewer = await create_user(session)
    small = await create_team(session)
    await add_member(session, team=small)
    large = await create_team(session)
    for _ in range(24):
        await add_member(session, team=large)

    with count_statements() as few:
        await gql(TEAM_PAGE, {"id": str(small.id)}, as_user=viewer)
    with count_statements() as many:
        response = await gql(TEAM_PAGE, {"id": str(large.id)}, as_user=viewer)

    assert len(response.data["team"]["members"]) == 25
    assert len(few) == len(many) == 8, str(many)


async def test_the_teams_list_runs_in_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    viewer = await create_user(session)
    sport = await create_sport(session)
    for _ in range(100):
        team = await create_team(session, sport=sport)
        await add_member(session, team=team)

    with count_statements() as few:
        await gql(TEAMS, {"first": 2}, as_user=viewer)
    with count_statements() as many:
        response = await gql(TEAMS, {"first": 100}, as_user=viewer)

    assert len(response.data["teams"]["nodes"]) == 100
    assert {node["memberCount"] for node in response.data["teams"]["nodes"]} == {2}
    assert len(few) == len(many) == 6, str(many)


async def test_teams_filter_by_sport_city_and_name(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    football = await create_sport(session)
    street = await create_sport(session, parent=football)
    hockey = await create_sport(session)
    await create_team(session, sport=football, name="Торпедо", city="Москва")
    await create_team(session, sport=street, name="Дворовые атлеты", city="москва")
    await create_team(session, sport=hockey, name="Торпедо-Хоккей", city="Казань")
    await create_team(session, sport=football, name="Спартак 100%", city="Москва")

    assert await names(gql, viewer, sportId=str(football.id), orderBy="NAME") == [
        "Дворовые атлеты",
        "Спартак 100%",
        "Торпедо",
    ]
    assert await names(gql, viewer, sportId=str(street.id)) == ["Дворовые атлеты"]
    assert await names(gql, viewer, city=" МОСКВА ", search="торп") == ["Торпедо"]
    assert await names(gql, viewer, search="ТОРПЕДО", orderBy="NAME") == [
        "Торпедо",
        "Торпедо-Хоккей",
    ]
    assert await names(gql, viewer, search="100%") == ["Спартак 100%"]
    assert await names(gql, viewer, search="%") == ["Спартак 100%"]
    assert await names(gql, viewer, search="_") == []


async def test_teams_orderings_page_without_gaps(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    viewer = await create_user(session)
    sport = await create_sport(session)
    specs = [("Бета", 1500.0), ("Альфа", 1500.0), ("Гамма", 1200.0), ("Дельта", 0.0)]
    for i, (name, rating) in enumerate(specs):
        created = clock.now() - timedelta(days=len(specs) - i)
        await create_team(session, sport=sport, name=name, rating=rating, created_at=created)

    expected = {
        "RATING": ["Альфа", "Бета", "Гамма", "Дельта"],
        "NAME": ["Альфа", "Бета", "Гамма", "Дельта"],
        "CREATED": ["Дельта", "Гамма", "Альфа", "Бета"],
    }
    for order, names_in_order in expected.items():
        seen: list[str] = []
        after = None
        while True:
            response = await gql(
                TEAMS, {"orderBy": order, "first": 1, "after": after}, as_user=viewer
            )
            connection = response.data["teams"]
            seen.extend(node["name"] for node in connection["nodes"])
            if not connection["pageInfo"]["hasNextPage"]:
                break
            after = connection["pageInfo"]["endCursor"]
        assert seen == names_in_order, order


async def test_a_malformed_sport_filter_is_a_bad_request(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)

    response = await gql(TEAMS, {"first": 5, "sportId": "football"}, as_user=viewer)

    assert response.error_codes == ["BAD_USER_INPUT"]


async def test_my_teams_are_my_active_teams_by_name(gql: GQL, session: AsyncSession) -> None:
    me = await create_user(session)
    sport = await create_sport(session)
    captained = await create_team(session, captain=me, sport=sport, name="Бобры")
    played = await create_team(session, sport=sport, name="Астра")
    await add_member(session, team=played, user=me)
    gone = await create_team(session, captain=me, sport=sport, name="Вымпел")
    gone.disbanded_at = gone.created_at
    await create_team(session, sport=sport, name="Чужие")

    response = await gql("query { myTeams { id name } }", as_user=me)

    assert response.errors is None
    assert response.data == {
        "myTeams": [
            {"id": str(played.id), "name": "Астра"},
            {"id": str(captained.id), "name": "Бобры"},
        ]
    }
