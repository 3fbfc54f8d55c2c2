"""decideTeamApplication: the captain accepts or declines."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.events.outbox import to_envelope
from app.teams.events import TeamApplicationDecided, TeamMemberJoined
from app.teams.models import ApplicationStatus, TeamApplication
from tests.factories import (
    add_member,
    create_application,
    create_sport,
    create_team,
    create_user,
)
from tests.fixtures.app import GQL, TestClock
from tests.teams.helpers import event_types, events, fresh, roster, snapshot

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


def decide(application: TeamApplication, decision: str, reason: str | None = None) -> dict:
    return {"input": {"applicationId": str(application.id), "decision": decision, "reason": reason}}


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
