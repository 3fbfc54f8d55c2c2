"""teamApplications (the captain's) and myTeamApplications (the applicant's)."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.teams.models import ApplicationStatus
from tests.factories import (
    add_member,
    create_application,
    create_team,
    create_user,
)
from tests.fixtures.app import GQL

TEAM_APPLICATIONS = """
query Applications($teamId: ID!, $status: TeamApplicationStatus, $first: Int!, $after: String) {
  teamApplications(teamId: $teamId, status: $status, first: $first, after: $after) {
    nodes { id status applicant { id } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

MY_APPLICATIONS = """
query Mine($status: TeamApplicationStatus) {
  myTeamApplications(status: $status) { nodes { id status team { id name } } }
}
"""


async def test_the_captain_lists_the_team_applications(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    other = await create_team(session)
    pending = [await create_application(session, team=team) for _ in range(3)]
    declined = await create_application(session, team=team, status=ApplicationStatus.DECLINED)
    await create_application(session, team=other)

    first = await gql(
        TEAM_APPLICATIONS,
        {"teamId": str(team.id), "status": "PENDING", "first": 2},
        as_user=captain,
    )
    rest = await gql(
        TEAM_APPLICATIONS,
        {
            "teamId": str(team.id),
            "status": "PENDING",
            "first": 2,
            "after": first.data["teamApplications"]["pageInfo"]["endCursor"],
        },
        as_user=captain,
    )
    everything = await gql(
        TEAM_APPLICATIONS, {"teamId": str(team.id), "first": 10}, as_user=captain
    )

    seen = [n["id"] for n in first.data["teamApplications"]["nodes"]] + [
        n["id"] for n in rest.data["teamApplications"]["nodes"]
    ]
    assert seen == [str(a.id) for a in reversed(pending)], "newest first"
    assert first.data["teamApplications"]["pageInfo"]["hasNextPage"] is True
    assert rest.data["teamApplications"]["pageInfo"]["hasNextPage"] is False
    assert [n["id"] for n in everything.data["teamApplications"]["nodes"]] == [
        str(declined.id),
        *seen,
    ]


async def test_team_applications_are_for_the_captain_only(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)
    player = await add_member(session, team=team)
    await create_application(session, team=team)

    member_view = await gql(TEAM_APPLICATIONS, {"teamId": str(team.id), "first": 5}, as_user=player)
    unknown = await gql(
        TEAM_APPLICATIONS,
        {"teamId": "00000000-0000-0000-0000-000000000000", "first": 5},
        as_user=player,
    )

    assert member_view.error_codes == ["FORBIDDEN"]
    assert unknown.errors is None
    assert unknown.data == {"teamApplications": None}


async def test_my_applications_are_mine(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session, name="Первая")
    other = await create_team(session, name="Вторая")
    player = await create_user(session)
    mine = await create_application(session, team=team, user=player)
    await create_application(session, team=other, user=player, status=ApplicationStatus.WITHDRAWN)
    await create_application(session, team=team)

    pending = await gql(MY_APPLICATIONS, {"status": "PENDING"}, as_user=player)
    everything = await gql(MY_APPLICATIONS, as_user=player)

    assert pending.data["myTeamApplications"]["nodes"] == [
        {"id": str(mine.id), "status": "PENDING", "team": {"id": str(team.id), "name": "Первая"}}
    ]
    assert len(everything.data["myTeamApplications"]["nodes"]) == 2
