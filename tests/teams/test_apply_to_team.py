"""applyToTeam and withdrawTeamApplication."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.events.outbox import to_envelope
from app.teams.events import TeamApplicationSubmitted
from app.teams.models import ApplicationStatus
from tests.factories import (
    add_member,
    create_application,
    create_invitation,
    create_sport,
    create_team,
    create_user,
)
from tests.fixtures.app import GQL, TestClock
from tests.teams.helpers import event_types, events, snapshot

APPLY = """
mutation Apply($input: ApplyToTeamInput!) {
  applyToTeam(input: $input) {
    __typename
    ... on ApplyToTeamPayload {
      application { id status message createdAt team { id } applicant { id } }
    }
    ... on ValidationFailed { fields { path code } }
    ... on RosterFull { limit }
    ... on UserError { code message }
  }
}
"""

WITHDRAW = """
mutation Withdraw($input: WithdrawTeamApplicationInput!) {
  withdrawTeamApplication(input: $input) {
    __typename
    ... on WithdrawTeamApplicationPayload { application { status decidedAt } }
    ... on ApplicationNotPending { status }
    ... on UserError { code }
  }
}
"""


async def test_a_player_applies(gql: GQL, session: AsyncSession, clock: TestClock) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    player = await create_user(session)

    response = await gql(
        APPLY, {"input": {"teamId": str(team.id), "message": " Играю в защите "}}, as_user=player
    )

    application = response.data["applyToTeam"]["application"]
    assert application == {
        "id": application["id"],
        "status": "PENDING",
        "message": "Играю в защите",
        "createdAt": clock.now().isoformat(),
        "team": {"id": str(team.id)},
        "applicant": {"id": str(player.id)},
    }
    [event] = await events(session)
    assert to_envelope(event).event() == TeamApplicationSubmitted(
        team_id=team.id, application_id=application["id"], user_id=player.id, captain_id=captain.id
    )


async def test_no_second_pending_application(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)
    player = await create_user(session)
    await create_application(session, team=team, user=player)
    before = await snapshot(session)

    response = await gql(APPLY, {"input": {"teamId": str(team.id)}}, as_user=player)

    assert response.data["applyToTeam"]["__typename"] == "ApplicationAlreadyPending"
    assert await snapshot(session) == before


async def test_applying_again_after_a_decline_is_allowed(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)
    player = await create_user(session)
    await create_application(session, team=team, user=player, status=ApplicationStatus.DECLINED)

    response = await gql(APPLY, {"input": {"teamId": str(team.id)}}, as_user=player)

    assert response.data["applyToTeam"]["__typename"] == "ApplyToTeamPayload"


async def test_members_do_not_apply(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)
    player = await add_member(session, team=team)
    before = await snapshot(session)

    response = await gql(APPLY, {"input": {"teamId": str(team.id)}}, as_user=player)

    assert response.data["applyToTeam"]["__typename"] == "AlreadyTeamMember"
    assert await snapshot(session) == before


async def test_an_invited_player_is_pointed_at_the_invitation(
    gql: GQL, session: AsyncSession
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    player = await create_user(session)
    await create_invitation(session, team=team, invited_by=captain, user=player)
    before = await snapshot(session)

    response = await gql(APPLY, {"input": {"teamId": str(team.id)}}, as_user=player)

    assert response.data["applyToTeam"]["__typename"] == "InvitationAlreadyPending"
    assert await snapshot(session) == before


async def test_a_full_team_takes_no_applications(gql: GQL, session: AsyncSession) -> None:
    sport = await create_sport(session, roster=(2, 2))
    team = await create_team(session, sport=sport)
    await add_member(session, team=team)
    player = await create_user(session)
    before = await snapshot(session)

    response = await gql(APPLY, {"input": {"teamId": str(team.id)}}, as_user=player)

    assert response.data["applyToTeam"]["__typename"] == "RosterFull"
    assert response.data["applyToTeam"]["limit"] == 2
    assert await snapshot(session) == before


async def test_a_disbanded_team_takes_no_applications(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    team = await create_team(session, disbanded_at=clock.now())
    player = await create_user(session)
    before = await snapshot(session)

    response = await gql(APPLY, {"input": {"teamId": str(team.id)}}, as_user=player)

    assert response.data["applyToTeam"]["__typename"] == "TeamDisbanded"
    assert await snapshot(session) == before


async def test_the_message_is_limited(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)
    player = await create_user(session)
    before = await snapshot(session)

    response = await gql(
        APPLY, {"input": {"teamId": str(team.id), "message": "м" * 501}}, as_user=player
    )

    assert response.data["applyToTeam"]["fields"] == [{"path": "message", "code": "TOO_LONG"}]
    assert await snapshot(session) == before


async def test_the_applicant_withdraws(gql: GQL, session: AsyncSession, clock: TestClock) -> None:
    team = await create_team(session)
    applicant = await create_user(session)
    application = await create_application(session, team=team, user=applicant)

    response = await gql(
        WITHDRAW, {"input": {"applicationId": str(application.id)}}, as_user=applicant
    )

    assert response.data["withdrawTeamApplication"]["application"] == {
        "status": "WITHDRAWN",
        "decidedAt": clock.now().isoformat(),
    }
    assert await event_types(session) == ["team.application_withdrawn"]


async def test_withdrawing_a_decided_application(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)
    applicant = await create_user(session)
    application = await create_application(
        session, team=team, user=applicant, status=ApplicationStatus.ACCEPTED
    )
    before = await snapshot(session)

    response = await gql(
        WITHDRAW, {"input": {"applicationId": str(application.id)}}, as_user=applicant
    )

    assert response.data["withdrawTeamApplication"] == {
        "__typename": "ApplicationNotPending",
        "status": "ACCEPTED",
        "code": "APPLICATION_NOT_PENDING",
    }
    assert await snapshot(session) == before


async def test_the_captain_cannot_withdraw_for_the_applicant(
    gql: GQL, session: AsyncSession
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    application = await create_application(session, team=team)
    before = await snapshot(session)

    response = await gql(
        WITHDRAW, {"input": {"applicationId": str(application.id)}}, as_user=captain
    )

    assert response.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before
