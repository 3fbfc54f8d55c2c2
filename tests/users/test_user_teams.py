"""A profile's list of teams follows the owner's teamsVisibility setting."""

from datetime import datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.users.models import Audience, User
from tests.factories import add_member, create_friendship, create_team, create_user
from tests.fixtures.app import GQL
from tests.fixtures.statements import StatementCounter

PROFILE_TEAMS = """
query ProfileTeams($id: ID!) {
  user(id: $id) { id teams { id name } }
}
"""

USERS_TEAMS = """
query UsersTeams($first: Int!) {
  users(first: $first) { edges { node { id teams { name } } } }
}
"""


async def _owner_in_two_teams(session: AsyncSession, audience: Audience) -> User:
    owner = await create_user(session, teams_visibility=audience)
    await create_team(session, captain=owner, name="Вихрь")
    other = await create_team(session, name="Авангард")
    await add_member(session, team=other, user=owner)
    gone = await create_team(session, name="Распущенная", disbanded_at=datetime(2026, 1, 1))
    await add_member(session, team=gone, user=owner)
    return owner


async def _team_names(gql: GQL, owner: User, viewer: User) -> list[str] | None:
    response = await gql(PROFILE_TEAMS, {"id": str(owner.id)}, as_user=viewer)
    assert response.errors is None
    teams = response.data["user"]["teams"]
    return None if teams is None else [team["name"] for team in teams]


async def test_public_teams_are_listed_by_name_without_disbanded_ones(
    gql: GQL, session: AsyncSession
) -> None:
    owner = await _owner_in_two_teams(session, Audience.ALL)
    stranger = await create_user(session)

    assert await _team_names(gql, owner, stranger) == ["Авангард", "Вихрь"]


@pytest.mark.parametrize(
    ("audience", "stranger_sees", "friend_sees"),
    [(Audience.FRIENDS, False, True), (Audience.NOBODY, False, False)],
)
async def test_hidden_teams_are_null_for_those_the_setting_excludes(
    gql: GQL,
    session: AsyncSession,
    audience: Audience,
    stranger_sees: bool,
    friend_sees: bool,
) -> None:
    owner = await _owner_in_two_teams(session, audience)
    stranger = await create_user(session)
    friend = await create_user(session)
    await create_friendship(session, owner, friend)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    names = ["Авангард", "Вихрь"]

    assert await _team_names(gql, owner, stranger) == (names if stranger_sees else None)
    assert await _team_names(gql, owner, friend) == (names if friend_sees else None)
    assert await _team_names(gql, owner, owner) == names
    assert await _team_names(gql, owner, moderator) == names


async def test_teams_of_a_page_of_users_load_in_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    viewer = await create_user(session, display_name="Я")
    for i in range(12):
        member = await create_user(session, display_name=f"Игрок {i:02d}")
        await create_team(session, captain=member)

    with count_statements() as small:
        await gql(USERS_TEAMS, {"first": 2}, as_user=viewer)
    with count_statements() as large:
        response = await gql(USERS_TEAMS, {"first": 12}, as_user=viewer)

    assert response.errors is None
    assert all(len(edge["node"]["teams"]) == 1 for edge in response.data["users"]["edges"])
    # provisioning lookup, the rate-limit upsert, the page, the teams of its users
    assert len(small) == len(large) == 4, str(large)
