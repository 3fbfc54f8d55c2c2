"""No one acts on another team's roster, applications or invitations (IDOR / BOLA).

One world with two teams; every mutation is tried by everyone who must not succeed, with the
other team's ids. Each attempt is refused and leaves the database exactly as it was.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import add_member, create_application, create_invitation, create_team
from tests.factories import create_user as new_user
from tests.fixtures.app import GQL
from tests.teams.helpers import snapshot

World = dict[str, Any]


@pytest.fixture
async def world(session: AsyncSession) -> World:
    captain_a = await new_user(session, username="captain_a")
    team_a = await create_team(session, captain=captain_a, name="Команда А")
    captain_b = await new_user(session, username="captain_b")
    team_b = await create_team(session, captain=captain_b, name="Команда Б")
    applicant_a = await new_user(session, username="applicant_a")
    invitee_a = await new_user(session, username="invitee_a")
    return {
        "team_a": team_a,
        "team_b": team_b,
        "captain_a": captain_a,
        "captain_b": captain_b,
        "player_a": await add_member(session, team=team_a),
        "player_b": await add_member(session, team=team_b),
        "stranger": await new_user(session, username="stranger"),
        "applicant_a": applicant_a,
        "invitee_a": invitee_a,
        "application_a": await create_application(session, team=team_a, user=applicant_a),
        "invitation_a": await create_invitation(
            session, team=team_a, invited_by=captain_a, user=invitee_a
        ),
    }


@dataclass(frozen=True)
class Attempt:
    mutation: str
    input_type: str
    make_input: Callable[[World], dict[str, str]]
    attackers: tuple[str, ...]
    outcome: str
    """``FORBIDDEN`` (top-level error) or the result union member expected."""

    def __str__(self) -> str:
        return f"{self.mutation}->{self.outcome}"


def ids(**names: str) -> Callable[[World], dict[str, str]]:
    return lambda w: {field: str(w[name].id) for field, name in names.items()}


OUTSIDERS = ("captain_b", "player_a", "player_b", "stranger")
NOT_PARTIES = ("captain_b", "player_a", "player_b", "stranger")

ATTEMPTS = [
    Attempt("updateTeam", "UpdateTeamInput", ids(teamId="team_a"), OUTSIDERS, "FORBIDDEN"),
    Attempt("disbandTeam", "DisbandTeamInput", ids(teamId="team_a"), OUTSIDERS, "FORBIDDEN"),
    Attempt(
        "removeTeamMember",
        "RemoveTeamMemberInput",
        ids(teamId="team_a", userId="player_a"),
        OUTSIDERS,
        "FORBIDDEN",
    ),
    Attempt(
        "removeTeamMember",
        "RemoveTeamMemberInput",
        ids(teamId="team_b", userId="player_a"),
        ("captain_b",),
        "NotTeamMember",
    ),
    Attempt(
        "transferCaptaincy",
        "TransferCaptaincyInput",
        ids(teamId="team_a", userId="player_a"),
        OUTSIDERS,
        "FORBIDDEN",
    ),
    Attempt(
        "transferCaptaincy",
        "TransferCaptaincyInput",
        ids(teamId="team_b", userId="player_a"),
        ("captain_b",),
        "NotTeamMember",
    ),
    Attempt(
        "inviteToTeam",
        "InviteToTeamInput",
        ids(teamId="team_a", userId="stranger"),
        ("captain_b", "player_a", "player_b"),
        "FORBIDDEN",
    ),
    Attempt(
        "leaveTeam",
        "LeaveTeamInput",
        ids(teamId="team_a"),
        ("captain_b", "player_b"),
        "NotTeamMember",
    ),
    Attempt(
        "decideTeamApplication",
        "DecideTeamApplicationInput",
        lambda w: {"applicationId": str(w["application_a"].id), "decision": "ACCEPT"},
        NOT_PARTIES,
        "NotFound",
    ),
    Attempt(
        "decideTeamApplication",
        "DecideTeamApplicationInput",
        lambda w: {"applicationId": str(w["application_a"].id), "decision": "ACCEPT"},
        ("applicant_a",),
        "FORBIDDEN",
    ),
    Attempt(
        "withdrawTeamApplication",
        "WithdrawTeamApplicationInput",
        ids(applicationId="application_a"),
        NOT_PARTIES,
        "NotFound",
    ),
    Attempt(
        "withdrawTeamApplication",
        "WithdrawTeamApplicationInput",
        ids(applicationId="application_a"),
        ("captain_a",),
        "FORBIDDEN",
    ),
    Attempt(
        "respondToTeamInvitation",
        "RespondToTeamInvitationInput",
        lambda w: {"invitationId": str(w["invitation_a"].id), "answer": "ACCEPT"},
        NOT_PARTIES,
        "NotFound",
    ),
    Attempt(
        "respondToTeamInvitation",
        "RespondToTeamInvitationInput",
        lambda w: {"invitationId": str(w["invitation_a"].id), "answer": "DECLINE"},
        ("captain_a",),
        "FORBIDDEN",
    ),
]

CASES = [
    pytest.param(attempt, attacker, id=f"{attempt}-by-{attacker}")
    for attempt in ATTEMPTS
    for attacker in attempt.attackers
]


@pytest.mark.parametrize(("attempt", "attacker"), CASES)
async def test_no_one_acts_on_another_teams_things(
    gql: GQL, session: AsyncSession, world: World, attempt: Attempt, attacker: str
) -> None:
    query = (
        f"mutation M($input: {attempt.input_type}!) "
        f"{{ {attempt.mutation}(input: $input) {{ __typename }} }}"
    )
    before = await snapshot(session)

    response = await gql(query, {"input": attempt.make_input(world)}, as_user=world[attacker])

    if attempt.outcome == "FORBIDDEN":
        assert response.data is None
        assert response.error_codes == ["FORBIDDEN"]
    else:
        assert response.errors is None
        assert response.data[attempt.mutation]["__typename"] == attempt.outcome
    assert await snapshot(session) == before


@pytest.mark.parametrize("field", ["teamApplications", "teamInvitations"])
@pytest.mark.parametrize("viewer", OUTSIDERS)
async def test_no_one_reads_another_teams_requests(
    gql: GQL, world: World, field: str, viewer: str
) -> None:
    query = f"query Q($teamId: ID!) {{ {field}(teamId: $teamId) {{ nodes {{ id }} }} }}"

    response = await gql(query, {"teamId": str(world["team_a"].id)}, as_user=world[viewer])

    assert response.data == {field: None}
    assert response.error_codes == ["FORBIDDEN"]


async def test_the_parties_see_only_their_own_requests(gql: GQL, world: World) -> None:
    query = "{ myTeamApplications { nodes { id } } myTeamInvitations { nodes { id } } }"

    outsider = await gql(query, as_user=world["captain_b"])

    assert outsider.data == {
        "myTeamApplications": {"nodes": []},
        "myTeamInvitations": {"nodes": []},
    }


@pytest.mark.parametrize(
    ("mutation", "input_type", "make_input", "smuggled"),
    [
        (
            "createTeam",
            "CreateTeamInput",
            lambda w: {"name": "Моя", "sportId": str(w["team_a"].sport_id), "city": "Омск"},
            "captainId",
        ),
        ("applyToTeam", "ApplyToTeamInput", ids(teamId="team_b"), "userId"),
        (
            "respondToTeamInvitation",
            "RespondToTeamInvitationInput",
            lambda w: {"invitationId": str(w["invitation_a"].id), "answer": "ACCEPT"},
            "userId",
        ),
    ],
)
async def test_the_acting_user_always_comes_from_the_token(
    gql: GQL,
    session: AsyncSession,
    world: World,
    mutation: str,
    input_type: str,
    make_input: Callable[[World], dict[str, str]],
    smuggled: str,
) -> None:
    """The old prototype took ``captainId``/``userId`` from the body; these inputs have none."""
    query = f"mutation M($input: {input_type}!) {{ {mutation}(input: $input) {{ __typename }} }}"
    variables = {**make_input(world), smuggled: str(world["invitee_a"].id)}
    before = await snapshot(session)

    response = await gql(query, {"input": variables}, as_user=world["stranger"])

    assert response.data is None
    [error] = response.errors or []
    assert f"'{smuggled}'" in error["message"] or f'"{smuggled}"' in error["message"]
    assert await snapshot(session) == before
