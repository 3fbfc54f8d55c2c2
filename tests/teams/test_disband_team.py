import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.outbox import to_envelope
from app.teams.events import TeamDisbanded
from app.teams.guards import disband_guards
from app.teams.models import ApplicationStatus, InvitationStatus, Team, TeamApplication
from app.teams.models import TeamInvitation as Invitation
from tests.factories import (
    add_member,
    create_application,
    create_invitation,
    create_team,
    create_user,
)
from tests.fixtures.app import GQL, TestClock
from tests.teams.helpers import events, fresh, roster, snapshot

DISBAND = """
mutation Disband($input: DisbandTeamInput!) {
  disbandTeam(input: $input) {
    __typename
    ... on DisbandTeamPayload { team { id disbandedAt memberCount } }
    ... on NotFound { code }
    ... on TeamDisbanded { code }
    ... on TeamDisbandBlocked { code message }
  }
}
"""

TEAMS = "query { teams(first: 10) { nodes { id } } }"
TEAM = "query Team($id: ID!) { team(id: $id) { id disbandedAt } }"


async def test_captain_disbands_and_pending_requests_are_cancelled(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    player = await add_member(session, team=team)
    pending = await create_application(session, team=team)
    declined = await create_application(session, team=team, status=ApplicationStatus.DECLINED)
    invitation = await create_invitation(session, team=team, invited_by=captain)

    response = await gql(DISBAND, {"input": {"teamId": str(team.id)}}, as_user=captain)

    payload = response.data["disbandTeam"]
    assert payload["__typename"] == "DisbandTeamPayload"
    assert payload["team"]["disbandedAt"] == clock.now().isoformat()
    assert payload["team"]["memberCount"] == 2, "the last roster is kept for history"
    assert await roster(session, team) == {str(captain.id): "CAPTAIN", str(player.id): "PLAYER"}
    assert (await fresh(session, TeamApplication, pending.id)).status is ApplicationStatus.CANCELLED
    assert (await fresh(session, TeamApplication, declined.id)).status is ApplicationStatus.DECLINED
    assert (await fresh(session, Invitation, invitation.id)).status is InvitationStatus.CANCELLED
    [event] = await events(session)
    disbanded = to_envelope(event).event()
    assert isinstance(disbanded, TeamDisbanded)
    assert disbanded.disbanded_by == captain.id
    assert sorted(disbanded.member_ids) == sorted([captain.id, player.id])
    assert disbanded.cancelled_application_ids == [pending.id]
    assert disbanded.cancelled_invitation_ids == [invitation.id]


async def test_a_disbanded_team_leaves_the_list_but_keeps_its_page(
    gql: GQL, session: AsyncSession
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)

    await gql(DISBAND, {"input": {"teamId": str(team.id)}}, as_user=captain)

    listed = await gql(TEAMS, as_user=captain)
    page = await gql(TEAM, {"id": str(team.id)}, as_user=captain)
    assert listed.data["teams"]["nodes"] == []
    assert page.data["team"]["disbandedAt"] is not None


async def test_only_the_captain_disbands(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)
    player = await add_member(session, team=team)
    stranger = await create_user(session)
    before = await snapshot(session)

    for user in (player, stranger):
        response = await gql(DISBAND, {"input": {"teamId": str(team.id)}}, as_user=user)
        assert response.data is None
        assert response.error_codes == ["FORBIDDEN"]

    assert await snapshot(session) == before


async def test_disbanding_twice_is_refused(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain, disbanded_at=clock.now())
    before = await snapshot(session)

    response = await gql(DISBAND, {"input": {"teamId": str(team.id)}}, as_user=captain)

    assert response.data["disbandTeam"] == {"__typename": "TeamDisbanded", "code": "TEAM_DISBANDED"}
    assert await snapshot(session) == before


@pytest.fixture
def busy_team() -> Iterator[set[uuid.UUID]]:
    """A disband guard, as the tournaments domain will register one, for teams in this set."""
    busy: set[uuid.UUID] = set()

    async def in_running_tournament(session: AsyncSession, team_id: uuid.UUID) -> str | None:
        return "Команда играет в идущем турнире" if team_id in busy else None

    disband_guards.add(in_running_tournament)
    try:
        yield busy
    finally:
        disband_guards.discard(in_running_tournament)


async def test_a_guard_can_forbid_disbanding(
    gql: GQL, session: AsyncSession, busy_team: set[uuid.UUID]
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    free = await create_team(session, captain=captain)
    await create_application(session, team=team)
    busy_team.add(team.id)
    before = await snapshot(session)

    blocked = await gql(DISBAND, {"input": {"teamId": str(team.id)}}, as_user=captain)

    assert blocked.data["disbandTeam"] == {
        "__typename": "TeamDisbandBlocked",
        "code": "TEAM_DISBAND_BLOCKED",
        "message": "Команда играет в идущем турнире",
    }
    assert await snapshot(session) == before
    allowed = await gql(DISBAND, {"input": {"teamId": str(free.id)}}, as_user=captain)
    assert allowed.data["disbandTeam"]["__typename"] == "DisbandTeamPayload"
    assert (await fresh(session, Team, free.id)).disbanded_at is not None
