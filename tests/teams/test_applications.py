"""applyToTeam, withdrawTeamApplication, decideTeamApplication and the application lists."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.events.outbox import to_envelope
from app.teams.events import TeamApplicationDecided, TeamApplicationSubmitted, TeamMemberJoined
from app.teams.models import ApplicationStatus, TeamApplication
from tests.factories import (
    add_member,
    create_application,
    create_invitation,
    create_sport,
    create_team,
    create_user,
)
from tests.fixtures.app import GQL, TestClock
from tests.teams.helpers import event_types, events, fresh, roster, snapshot

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

DECIDE = """
mutation Decide($input: DecideTeamApplicationInput!) {
  decideTeamApplication(input: $input) {
    __typename
    ... on DecideTeamApplicationPayload {
      application { status decisionReason decidedAt }
      member { role user { id } }
    }
    ... on ApplicationNotPending { status }
    ... on RosterFull { limit }
    ... on UserError { code }
  }
}
"""

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


def decide(application: TeamApplication, decision: str, reason: str | None = None) -> dict:
    return {"input": {"applicationId": str(application.id), "decision": decision, "reason": reason}}


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


async def test_accepting_adds_the_player_in_the_same_transaction(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    application = await create_application(session, team=team)

    response = await gql(
        DECIDE, decide(application, "ACCEPT", " Добро пожаловать "), as_user=captain
    )

    payload = response.data["decideTeamApplication"]
    assert payload["application"] == {
        "status": "ACCEPTED",
        "decisionReason": "Добро пожаловать",
        "decidedAt": clock.now().isoformat(),
    }
    assert payload["member"] == {"role": "PLAYER", "user": {"id": str(application.user_id)}}
    assert (await roster(session, team))[str(application.user_id)] == "PLAYER"
    stored = await fresh(session, TeamApplication, application.id)
    assert stored.decided_by_id == captain.id
    joined, decided = [to_envelope(e).event() for e in await events(session)]
    assert joined == TeamMemberJoined(
        team_id=team.id, user_id=application.user_id, role="PLAYER", via="APPLICATION"
    )
    assert decided == TeamApplicationDecided(
        team_id=team.id,
        application_id=application.id,
        user_id=application.user_id,
        decision="ACCEPTED",
        reason="Добро пожаловать",
        decided_by=captain.id,
    )


async def test_declining_keeps_the_roster(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    application = await create_application(session, team=team)

    response = await gql(DECIDE, decide(application, "DECLINE", "Состав полный"), as_user=captain)

    payload = response.data["decideTeamApplication"]
    assert payload["application"]["status"] == "DECLINED"
    assert payload["member"] is None
    assert await roster(session, team) == {str(captain.id): "CAPTAIN"}
    assert await event_types(session) == ["team.application_decided"]


async def test_an_application_is_decided_once(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    application = await create_application(session, team=team, status=ApplicationStatus.DECLINED)
    before = await snapshot(session)

    response = await gql(DECIDE, decide(application, "ACCEPT"), as_user=captain)

    assert response.data["decideTeamApplication"]["__typename"] == "ApplicationNotPending"
    assert await snapshot(session) == before


async def test_accepting_into_a_full_team_changes_nothing(gql: GQL, session: AsyncSession) -> None:
    sport = await create_sport(session, roster=(2, 2))
    captain = await create_user(session)
    team = await create_team(session, captain=captain, sport=sport)
    application = await create_application(session, team=team)
    await add_member(session, team=team)
    before = await snapshot(session)

    response = await gql(DECIDE, decide(application, "ACCEPT"), as_user=captain)

    assert response.data["decideTeamApplication"] == {
        "__typename": "RosterFull",
        "limit": 2,
        "code": "ROSTER_FULL",
    }
    assert await snapshot(session) == before


async def test_the_applicant_cannot_decide(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)
    applicant = await create_user(session)
    application = await create_application(session, team=team, user=applicant)
    before = await snapshot(session)

    response = await gql(DECIDE, decide(application, "ACCEPT"), as_user=applicant)

    assert response.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before


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
