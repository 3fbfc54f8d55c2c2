"""inviteToTeam, respondToTeamInvitation and the invitation lists."""

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.events.outbox import to_envelope
from app.teams.events import TeamInvitationAnswered, TeamInvitationSent, TeamMemberJoined
from app.teams.models import InvitationStatus, TeamInvitation, TeamRole
from app.users.models import Audience
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

INVITE = """
mutation Invite($input: InviteToTeamInput!) {
  inviteToTeam(input: $input) {
    __typename
    ... on InviteToTeamPayload {
      invitation { id role status team { id } invitee { id } invitedBy { id } }
    }
    ... on ValidationFailed { fields { path code } }
    ... on RosterFull { limit }
    ... on UserError { code }
  }
}
"""

RESPOND = """
mutation Respond($input: RespondToTeamInvitationInput!) {
  respondToTeamInvitation(input: $input) {
    __typename
    ... on RespondToTeamInvitationPayload {
      invitation { status answeredAt }
      member { role user { id } }
    }
    ... on InvitationNotPending { status }
    ... on UserError { code }
  }
}
"""

MY_INVITATIONS = """
query Mine($status: TeamInvitationStatus) {
  myTeamInvitations(status: $status) { nodes { id status team { id } invitedBy { id } } }
}
"""

TEAM_INVITATIONS = """
query Sent($teamId: ID!) { teamInvitations(teamId: $teamId) { nodes { id invitee { id } } } }
"""


def invite(team: Any, user: Any, role: str | None = None) -> dict[str, Any]:
    fields = {"teamId": str(team.id), "userId": str(user.id)}
    return {"input": {**fields, "role": role} if role else fields}


def respond(invitation: TeamInvitation, answer: str) -> dict[str, Any]:
    return {"input": {"invitationId": str(invitation.id), "answer": answer}}


async def test_the_captain_invites(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    player = await create_user(session)

    response = await gql(INVITE, invite(team, player, "COACH"), as_user=captain)

    invitation = response.data["inviteToTeam"]["invitation"]
    assert invitation == {
        "id": invitation["id"],
        "role": "COACH",
        "status": "PENDING",
        "team": {"id": str(team.id)},
        "invitee": {"id": str(player.id)},
        "invitedBy": {"id": str(captain.id)},
    }
    [event] = await events(session)
    assert to_envelope(event).event() == TeamInvitationSent(
        team_id=team.id,
        invitation_id=invitation["id"],
        user_id=player.id,
        invited_by=captain.id,
        role="COACH",
    )


@pytest.mark.parametrize("setting", [Audience.NOBODY, Audience.FRIENDS])
@pytest.mark.parametrize("captain_roles", [[Role.PLAYER], [Role.MODERATOR]])
async def test_privacy_can_forbid_invitations(
    gql: GQL, session: AsyncSession, setting: Audience, captain_roles: list[Role]
) -> None:
    """FRIENDS admits only friends (none here); staff rank does not bypass it."""
    captain = await create_user(session, roles=captain_roles)
    team = await create_team(session, captain=captain)
    private = await create_user(session, invite_permission=setting)
    before = await snapshot(session)

    response = await gql(INVITE, invite(team, private), as_user=captain)

    assert response.data["inviteToTeam"] == {
        "__typename": "InvitationNotAllowed",
        "code": "INVITATION_NOT_ALLOWED",
    }
    assert await snapshot(session) == before


@pytest.mark.parametrize(
    ("arrange", "typename"),
    [
        ("member", "AlreadyTeamMember"),
        ("invited", "InvitationAlreadyPending"),
        ("applied", "ApplicationAlreadyPending"),
    ],
)
async def test_no_duplicate_ways_in(
    gql: GQL, session: AsyncSession, arrange: str, typename: str
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    player = await create_user(session)
    if arrange == "member":
        await add_member(session, team=team, user=player)
    elif arrange == "invited":
        await create_invitation(session, team=team, invited_by=captain, user=player)
    else:
        await create_application(session, team=team, user=player)
    before = await snapshot(session)

    response = await gql(INVITE, invite(team, player), as_user=captain)

    assert response.data["inviteToTeam"]["__typename"] == typename
    assert await snapshot(session) == before


async def test_invalid_invitations(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    player = await create_user(session)
    before = await snapshot(session)

    as_captain = await gql(INVITE, invite(team, player, "CAPTAIN"), as_user=captain)
    nobody = await gql(
        INVITE,
        {"input": {"teamId": str(team.id), "userId": "00000000-0000-0000-0000-000000000000"}},
        as_user=captain,
    )

    assert as_captain.data["inviteToTeam"]["fields"] == [{"path": "role", "code": "NOT_ALLOWED"}]
    assert nobody.data["inviteToTeam"]["fields"] == [{"path": "userId", "code": "NOT_FOUND"}]
    assert await snapshot(session) == before


async def test_a_full_team_cannot_invite(gql: GQL, session: AsyncSession) -> None:
    sport = await create_sport(session, roster=(1, 1))
    captain = await create_user(session)
    team = await create_team(session, captain=captain, sport=sport)
    player = await create_user(session)
    before = await snapshot(session)

    response = await gql(INVITE, invite(team, player), as_user=captain)

    assert response.data["inviteToTeam"]["__typename"] == "RosterFull"
    assert await snapshot(session) == before


async def test_only_the_captain_invites(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session)
    manager = await add_member(session, team=team, role=TeamRole.MANAGER)
    player = await create_user(session)
    before = await snapshot(session)

    response = await gql(INVITE, invite(team, player), as_user=manager)

    assert response.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before


async def test_accepting_joins_with_the_invited_role(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    coach = await create_user(session)
    invitation = await create_invitation(
        session, team=team, invited_by=captain, user=coach, role=TeamRole.COACH
    )

    response = await gql(RESPOND, respond(invitation, "ACCEPT"), as_user=coach)

    payload = response.data["respondToTeamInvitation"]
    assert payload["invitation"] == {"status": "ACCEPTED", "answeredAt": clock.now().isoformat()}
    assert payload["member"] == {"role": "COACH", "user": {"id": str(coach.id)}}
    assert (await roster(session, team))[str(coach.id)] == "COACH"
    joined, answered = [to_envelope(e).event() for e in await events(session)]
    assert joined == TeamMemberJoined(
        team_id=team.id, user_id=coach.id, role="COACH", via="INVITATION"
    )
    assert answered == TeamInvitationAnswered(
        team_id=team.id, invitation_id=invitation.id, user_id=coach.id, answer="ACCEPTED"
    )


async def test_declining_keeps_the_roster(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    player = await create_user(session)
    invitation = await create_invitation(session, team=team, invited_by=captain, user=player)

    response = await gql(RESPOND, respond(invitation, "DECLINE"), as_user=player)

    assert response.data["respondToTeamInvitation"]["member"] is None
    assert (await fresh(session, TeamInvitation, invitation.id)).status is InvitationStatus.DECLINED
    assert await roster(session, team) == {str(captain.id): "CAPTAIN"}
    assert await event_types(session) == ["team.invitation_answered"]


async def test_an_invitation_is_answered_once(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    player = await create_user(session)
    invitation = await create_invitation(
        session, team=team, invited_by=captain, user=player, status=InvitationStatus.CANCELLED
    )
    before = await snapshot(session)

    response = await gql(RESPOND, respond(invitation, "ACCEPT"), as_user=player)

    assert response.data["respondToTeamInvitation"] == {
        "__typename": "InvitationNotPending",
        "status": "CANCELLED",
        "code": "INVITATION_NOT_PENDING",
    }
    assert await snapshot(session) == before


async def test_accepting_into_a_full_team_changes_nothing(gql: GQL, session: AsyncSession) -> None:
    sport = await create_sport(session, roster=(2, 2))
    captain = await create_user(session)
    team = await create_team(session, captain=captain, sport=sport)
    player = await create_user(session)
    invitation = await create_invitation(session, team=team, invited_by=captain, user=player)
    await add_member(session, team=team)
    before = await snapshot(session)

    response = await gql(RESPOND, respond(invitation, "ACCEPT"), as_user=player)

    assert response.data["respondToTeamInvitation"]["__typename"] == "RosterFull"
    assert await snapshot(session) == before


async def test_the_captain_cannot_answer_for_the_invitee(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    invitation = await create_invitation(session, team=team, invited_by=captain)
    before = await snapshot(session)

    response = await gql(RESPOND, respond(invitation, "ACCEPT"), as_user=captain)

    assert response.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before


async def test_invitation_lists(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    player = await create_user(session)
    pending = await create_invitation(session, team=team, invited_by=captain, user=player)
    await create_invitation(
        session,
        team=await create_team(session, captain=captain),
        invited_by=captain,
        user=player,
        status=InvitationStatus.DECLINED,
    )
    await create_invitation(session, team=team, invited_by=captain)

    mine = await gql(MY_INVITATIONS, {"status": "PENDING"}, as_user=player)
    sent = await gql(TEAM_INVITATIONS, {"teamId": str(team.id)}, as_user=captain)
    not_captain = await gql(TEAM_INVITATIONS, {"teamId": str(team.id)}, as_user=player)

    assert mine.data["myTeamInvitations"]["nodes"] == [
        {
            "id": str(pending.id),
            "status": "PENDING",
            "team": {"id": str(team.id)},
            "invitedBy": {"id": str(captain.id)},
        }
    ]
    assert len(sent.data["teamInvitations"]["nodes"]) == 2
    assert not_captain.error_codes == ["FORBIDDEN"]
