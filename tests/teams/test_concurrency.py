"""Racing requests against a really committing database leave exactly one effect."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.auth.dev_issuer import DevIssuer
from app.db import Database
from app.events.models import OutboxEvent
from app.teams.models import ApplicationStatus, Team, TeamApplication, TeamMember
from app.users.models import User
from tests.factories import (
    add_member,
    create_application,
    create_invitation,
    create_sport,
    create_team,
    create_user,
)
from tests.fixtures.app import AppFactory, token_for

DECIDE = """
mutation Decide($input: DecideTeamApplicationInput!) {
  decideTeamApplication(input: $input) { __typename }
}
"""

RESPOND = """
mutation Respond($input: RespondToTeamInvitationInput!) {
  respondToTeamInvitation(input: $input) { __typename }
}
"""


class Client:
    def __init__(self, client: httpx.AsyncClient, issuer: DevIssuer) -> None:
        self.client = client
        self.issuer = issuer

    async def __call__(self, query: str, variables: dict[str, Any], user: User) -> str:
        headers = {"Authorization": f"Bearer {token_for(self.issuer, user)}"}
        body = {"query": query, "variables": variables}
        response = await self.client.post("/graphql", json=body, headers=headers)
        payload = response.json()
        assert "errors" not in payload, payload
        return str(next(iter(payload["data"].values()))["__typename"])


@pytest.fixture
async def racing(
    committed_database: Database, app_factory: AppFactory, dev_issuer: DevIssuer
) -> AsyncIterator[Client]:
    transport = httpx.ASGITransport(app=app_factory(committed_database))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        yield Client(http, dev_issuer)


async def count(db: Database, stmt: Any) -> int:
    async with db.transaction() as session:
        return int(await session.scalar(stmt) or 0)


def members_of(team_id: Any) -> Any:
    return select(func.count()).select_from(TeamMember).where(TeamMember.team_id == team_id)


def outbox(event_type: str) -> Any:
    return select(func.count()).select_from(OutboxEvent).where(OutboxEvent.type == event_type)


@pytest.mark.parametrize("decisions", [("ACCEPT", "ACCEPT"), ("ACCEPT", "DECLINE")])
async def test_one_application_decided_twice_at_once(
    committed_database: Database, racing: Client, decisions: tuple[str, str]
) -> None:
    async with committed_database.transaction() as session:
        captain = await create_user(session)
        team = await create_team(session, captain=captain)
        application = await create_application(session, team=team)

    results = await asyncio.gather(
        *(
            racing(
                DECIDE,
                {"input": {"applicationId": str(application.id), "decision": decision}},
                captain,
            )
            for decision in decisions
        )
    )

    assert sorted(results) == ["ApplicationNotPending", "DecideTeamApplicationPayload"]
    async with committed_database.transaction() as session:
        stored = await session.get(TeamApplication, application.id)
        assert stored is not None
    accepted = stored.status is ApplicationStatus.ACCEPTED
    assert await count(committed_database, members_of(team.id)) == (2 if accepted else 1)
    assert await count(committed_database, outbox("team.application_decided")) == 1
    assert await count(committed_database, outbox("team.member_joined")) == int(accepted)


async def test_two_acceptances_for_the_last_place(
    committed_database: Database, racing: Client
) -> None:
    async with committed_database.transaction() as session:
        sport = await create_sport(session, roster=(2, 3))
        captain = await create_user(session)
        team = await create_team(session, captain=captain, sport=sport)
        await add_member(session, team=team)
        application = await create_application(session, team=team)
        invitee = await create_user(session)
        invitation = await create_invitation(session, team=team, invited_by=captain, user=invitee)

    results = await asyncio.gather(
        racing(
            DECIDE,
            {"input": {"applicationId": str(application.id), "decision": "ACCEPT"}},
            captain,
        ),
        racing(
            RESPOND,
            {"input": {"invitationId": str(invitation.id), "answer": "ACCEPT"}},
            invitee,
        ),
    )

    assert sorted(results) in (
        ["DecideTeamApplicationPayload", "RosterFull"],
        ["RespondToTeamInvitationPayload", "RosterFull"],
    )
    assert await count(committed_database, members_of(team.id)) == 3
    assert await count(committed_database, outbox("team.member_joined")) == 1


async def test_many_acceptances_never_overfill_the_roster(
    committed_database: Database, racing: Client
) -> None:
    async with committed_database.transaction() as session:
        sport = await create_sport(session, roster=(2, 4))
        captain = await create_user(session)
        team = await create_team(session, captain=captain, sport=sport)
        applications = [await create_application(session, team=team) for _ in range(6)]

    results = await asyncio.gather(
        *(
            racing(
                DECIDE,
                {"input": {"applicationId": str(a.id), "decision": "ACCEPT"}},
                captain,
            )
            for a in applications
        )
    )

    assert sorted(results) == ["DecideTeamApplicationPayload"] * 3 + ["RosterFull"] * 3
    assert await count(committed_database, members_of(team.id)) == 4


async def test_same_name_created_at_once_gets_distinct_slugs(
    committed_database: Database, racing: Client
) -> None:
    create = """
    mutation Create($input: CreateTeamInput!) { createTeam(input: $input) { __typename } }
    """
    async with committed_database.transaction() as session:
        sport = await create_sport(session)
        founders = [await create_user(session) for _ in range(3)]
    team_input = {"name": "Спартак", "sportId": str(sport.id), "city": "Москва"}

    results = await asyncio.gather(
        *(racing(create, {"input": team_input}, founder) for founder in founders)
    )

    assert results == ["CreateTeamPayload"] * 3
    async with committed_database.transaction() as session:
        slugs = (await session.scalars(select(Team.slug))).all()
    assert sorted(slugs) == ["spartak", "spartak-2", "spartak-3"]
