"""Teams: the owner is the captain of the team (or the applicant / invitee where it says)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.teams.models import Team, TeamApplication, TeamHomePlayground, TeamInvitation, TeamMember
from tests.authz.matrix import Actor, Case, Cast, Outcome, everyone_signed_in
from tests.factories import (
    add_member,
    create_application,
    create_invitation,
    create_playground,
    create_sport,
    create_team,
    create_user,
)

PARTIES_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.HIDDEN,
    Actor.OWNER: Outcome.ALLOWED,
    Actor.MODERATOR: Outcome.HIDDEN,
}
"""Applications and invitations exist only for the applicant/invitee and the captain."""

CAPTAIN_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: Outcome.ALLOWED,
    Actor.MODERATOR: Outcome.FORBIDDEN,
}


async def owned_team(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    team = await create_team(session, captain=cast.owner)
    return {"teamId": str(team.id)}


async def owned_team_and_a_playground(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    team = await create_team(session, captain=cast.owner)
    playground = await create_playground(session)
    return {"v": {"teamId": str(team.id), "playgroundIds": [str(playground.id)]}}


async def team_with_a_player(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    team = await create_team(session, captain=cast.owner)
    player = await add_member(session, team=team)
    return {"teamId": str(team.id), "userId": str(player.id)}


async def team_and_an_outsider(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    team = await create_team(session, captain=cast.owner)
    outsider = await create_user(session)
    return {"teamId": str(team.id), "userId": str(outsider.id)}


async def membership_of_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    team = await create_team(session)
    await add_member(session, team=team, user=cast.owner)
    return {"teamId": str(team.id)}


async def application_to_owned_team(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    team = await create_team(session, captain=cast.owner)
    application = await create_application(session, team=team)
    return {"applicationId": str(application.id)}


async def application_by_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    application = await create_application(
        session, team=await create_team(session), user=cast.owner
    )
    return {"applicationId": str(application.id)}


async def invitation_of_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    team = await create_team(session)
    captain = (
        await session.scalars(select(TeamMember.user_id).where(TeamMember.team_id == team.id))
    ).one()
    inviter = await session.get(type(cast.owner), captain)
    assert inviter is not None
    invitation = await create_invitation(session, team=team, invited_by=inviter, user=cast.owner)
    return {"invitationId": str(invitation.id)}


async def a_sport(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"sportId": str((await create_sport(session)).id)}


async def team_state(session: AsyncSession, cast: Cast) -> object:
    teams = (
        await session.execute(select(Team.id, Team.name, Team.motto, Team.disbanded_at, Team.slug))
    ).all()
    members = (
        await session.execute(select(TeamMember.team_id, TeamMember.user_id, TeamMember.role))
    ).all()
    applications = (await session.execute(select(TeamApplication.id, TeamApplication.status))).all()
    homes = (
        await session.execute(select(TeamHomePlayground.team_id, TeamHomePlayground.playground_id))
    ).all()
    invitations = (await session.execute(select(TeamInvitation.id, TeamInvitation.status))).all()
    return sorted(map(str, teams)), sorted(map(str, members)), applications, invitations, homes


def mutation(name: str, input_fields: str, expect: dict[Actor, Outcome], arrange: Any) -> Case:
    document = (
        f"mutation($v: {name[0].upper()}{name[1:]}Input!) {{ {name}(input: $v) {{ __typename }} }}"
    )

    async def wrapped(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        values = await arrange(session, cast)
        return {"v": {**values, **_extra(input_fields)}}

    return Case(f"Mutation.{name}", document, expect, arrange=wrapped, snapshot=team_state)


def _extra(fields: str) -> dict[str, Any]:
    return dict(pair.split("=", 1) for pair in fields.split(",") if pair)


CASES = [
    Case(
        "Query.team",
        "query($teamId: ID) { team(id: $teamId) { id } }",
        everyone_signed_in(),
        arrange=owned_team,
    ),
    Case("Query.teams", "query { teams(first: 5) { nodes { id } } }", everyone_signed_in()),
    Case(
        "Query.teamApplications",
        "query($teamId: ID!) { teamApplications(teamId: $teamId) { nodes { id } } }",
        CAPTAIN_ONLY,
        arrange=owned_team,
    ),
    Case(
        "Query.teamInvitations",
        "query($teamId: ID!) { teamInvitations(teamId: $teamId) { nodes { id } } }",
        CAPTAIN_ONLY,
        arrange=owned_team,
    ),
    Case(
        "Query.myTeamApplications",
        "query { myTeamApplications { nodes { id } } }",
        everyone_signed_in(),
    ),
    Case("Query.myTeams", "query { myTeams { id } }", everyone_signed_in()),
    Case(
        "Query.myTeamInvitations",
        "query { myTeamInvitations { nodes { id } } }",
        everyone_signed_in(),
    ),
    mutation("createTeam", "name=Новая команда,city=Москва", everyone_signed_in(), a_sport),
    mutation("updateTeam", "motto=Вперёд", CAPTAIN_ONLY, owned_team),
    mutation("disbandTeam", "", CAPTAIN_ONLY, owned_team),
    Case(
        "Mutation.setHomePlaygrounds",
        "mutation($v: SetHomePlaygroundsInput!) { setHomePlaygrounds(input: $v) { __typename } }",
        CAPTAIN_ONLY,
        arrange=owned_team_and_a_playground,
        snapshot=team_state,
    ),
    mutation("removeTeamMember", "", CAPTAIN_ONLY, team_with_a_player),
    mutation("transferCaptaincy", "", CAPTAIN_ONLY, team_with_a_player),
    mutation("inviteToTeam", "", CAPTAIN_ONLY, team_and_an_outsider),
    mutation("decideTeamApplication", "decision=ACCEPT", PARTIES_ONLY, application_to_owned_team),
    mutation(
        "leaveTeam",
        "",
        everyone_signed_in(stranger=Outcome.REFUSED, moderator=Outcome.REFUSED),
        membership_of_owner,
    ),
    mutation("applyToTeam", "", everyone_signed_in(owner=Outcome.REFUSED), owned_team),
    mutation("withdrawTeamApplication", "", PARTIES_ONLY, application_by_owner),
    mutation("respondToTeamInvitation", "answer=ACCEPT", PARTIES_ONLY, invitation_of_owner),
]
