"""leaveTeam, removeTeamMember and transferCaptaincy."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.events.outbox import to_envelope
from app.teams.events import TeamCaptainChanged, TeamMemberLeft
from app.teams.models import TeamRole
from app.users.models import User
from tests.factories import add_member, create_team, create_user
from tests.fixtures.app import GQL, TestClock
from tests.teams.helpers import events, roster, snapshot

LEAVE = """
mutation Leave($input: LeaveTeamInput!) {
  leaveTeam(input: $input) {
    __typename
    ... on LeaveTeamPayload { team { memberCount } }
    ... on UserError { code message }
  }
}
"""

REMOVE = """
mutation Remove($input: RemoveTeamMemberInput!) {
  removeTeamMember(input: $input) {
    __typename
    ... on RemoveTeamMemberPayload { team { members { user { id } } } }
    ... on ValidationFailed { fields { path code } }
    ... on UserError { code }
  }
}
"""

TRANSFER = """
mutation Transfer($input: TransferCaptaincyInput!) {
  transferCaptaincy(input: $input) {
    __typename
    ... on TransferCaptaincyPayload { team { captain { id } members { role user { id } } } }
    ... on ValidationFailed { fields { path code } }
    ... on TeamLimitReached { limit }
    ... on UserError { code }
  }
}
"""


async def test_a_member_leaves(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)
    player = await add_member(session, team=team)

    response = await gql(LEAVE, {"input": {"teamId": str(team.id)}}, as_user=player)

    assert response.data["leaveTeam"] == {
        "__typename": "LeaveTeamPayload",
        "team": {"memberCount": 1},
    }
    assert str(player.id) not in await roster(session, team)
    [event] = await events(session)
    assert to_envelope(event).event() == TeamMemberLeft(
        team_id=team.id, user_id=player.id, reason="LEFT"
    )


async def test_leaving_a_team_one_is_not_in(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)
    stranger = await create_user(session)
    before = await snapshot(session)

    response = await gql(LEAVE, {"input": {"teamId": str(team.id)}}, as_user=stranger)

    assert response.data["leaveTeam"]["__typename"] == "NotTeamMember"
    assert response.data["leaveTeam"]["code"] == "NOT_TEAM_MEMBER"
    assert await snapshot(session) == before


async def test_the_captain_must_hand_over_before_leaving(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    await add_member(session, team=team)
    before = await snapshot(session)

    response = await gql(LEAVE, {"input": {"teamId": str(team.id)}}, as_user=captain)

    assert response.data["leaveTeam"]["__typename"] == "CaptainCannotLeave"
    assert "передайте капитанство" in response.data["leaveTeam"]["message"]
    assert await snapshot(session) == before


async def test_leaving_a_disbanded_team(gql: GQL, session: AsyncSession, clock: TestClock) -> None:
    team = await create_team(session, disbanded_at=clock.now())
    player = await add_member(session, team=team)
    before = await snapshot(session)

    response = await gql(LEAVE, {"input": {"teamId": str(team.id)}}, as_user=player)

    assert response.data["leaveTeam"]["__typename"] == "TeamDisbanded"
    assert await snapshot(session) == before


async def test_captain_removes_a_member(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    player = await add_member(session, team=team)

    response = await gql(
        REMOVE, {"input": {"teamId": str(team.id), "userId": str(player.id)}}, as_user=captain
    )

    assert response.data["removeTeamMember"]["team"]["members"] == [
        {"user": {"id": str(captain.id)}}
    ]
    [event] = await events(session)
    assert to_envelope(event).event() == TeamMemberLeft(
        team_id=team.id, user_id=player.id, reason="REMOVED", removed_by=captain.id
    )


async def test_the_captain_cannot_remove_himself(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    before = await snapshot(session)

    response = await gql(
        REMOVE, {"input": {"teamId": str(team.id), "userId": str(captain.id)}}, as_user=captain
    )

    payload = response.data["removeTeamMember"]
    assert payload == {
        "__typename": "ValidationFailed",
        "code": "VALIDATION_FAILED",
        "fields": [{"path": "userId", "code": "NOT_ALLOWED"}],
    }
    assert await snapshot(session) == before


async def test_removing_someone_not_on_the_roster(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    other_team = await create_team(session)
    elsewhere = await add_member(session, team=other_team)
    before = await snapshot(session)

    response = await gql(
        REMOVE, {"input": {"teamId": str(team.id), "userId": str(elsewhere.id)}}, as_user=captain
    )

    assert response.data["removeTeamMember"] == {
        "__typename": "NotTeamMember",
        "code": "NOT_TEAM_MEMBER",
    }
    assert await snapshot(session) == before


async def test_only_the_captain_removes(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)
    coach = await add_member(session, team=team, role=TeamRole.COACH)
    player = await add_member(session, team=team)
    before = await snapshot(session)

    response = await gql(
        REMOVE, {"input": {"teamId": str(team.id), "userId": str(player.id)}}, as_user=coach
    )

    assert response.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before


async def test_transfer_swaps_team_roles_and_leaves_global_roles_alone(
    gql: GQL, session: AsyncSession
) -> None:
    captain = await create_user(session, roles=[Role.PLAYER, Role.CAPTAIN])
    team = await create_team(session, captain=captain)
    await create_team(session, captain=captain)
    successor = await add_member(session, team=team, role=TeamRole.COACH)

    response = await gql(
        TRANSFER, {"input": {"teamId": str(team.id), "userId": str(successor.id)}}, as_user=captain
    )

    result = response.data["transferCaptaincy"]["team"]
    assert result["captain"] == {"id": str(successor.id)}
    assert await roster(session, team) == {
        str(captain.id): "PLAYER",
        str(successor.id): "CAPTAIN",
    }
    roles = dict((await session.execute(select(User.id, User.roles))).all())
    assert roles[captain.id] == ["CAPTAIN", "PLAYER"]
    assert roles[successor.id] == ["PLAYER"]
    [event] = await events(session)
    assert to_envelope(event).event() == TeamCaptainChanged(
        team_id=team.id, previous_captain_id=captain.id, captain_id=successor.id
    )


async def test_captaincy_goes_only_to_a_member(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    outsider = await create_user(session)
    before = await snapshot(session)

    to_outsider = await gql(
        TRANSFER, {"input": {"teamId": str(team.id), "userId": str(outsider.id)}}, as_user=captain
    )
    to_self = await gql(
        TRANSFER, {"input": {"teamId": str(team.id), "userId": str(captain.id)}}, as_user=captain
    )

    assert to_outsider.data["transferCaptaincy"]["__typename"] == "NotTeamMember"
    assert to_self.data["transferCaptaincy"] == {
        "__typename": "ValidationFailed",
        "code": "VALIDATION_FAILED",
        "fields": [{"path": "userId", "code": "NOT_ALLOWED"}],
    }
    assert await snapshot(session) == before


async def test_only_the_captain_transfers(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)
    player = await add_member(session, team=team)
    before = await snapshot(session)

    response = await gql(
        TRANSFER, {"input": {"teamId": str(team.id), "userId": str(player.id)}}, as_user=player
    )

    assert response.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before


async def test_the_successor_must_have_room_to_captain(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    busy = await add_member(session, team=team)
    for _ in range(10):
        await create_team(session, captain=busy)
    before = await snapshot(session)

    response = await gql(
        TRANSFER, {"input": {"teamId": str(team.id), "userId": str(busy.id)}}, as_user=captain
    )

    assert response.data["transferCaptaincy"] == {
        "__typename": "TeamLimitReached",
        "limit": 10,
        "code": "TEAM_LIMIT_REACHED",
    }
    assert await snapshot(session) == before
