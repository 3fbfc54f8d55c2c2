"""Entry fees: held in escrow on application, refunded on rejection, withdrawal and
cancellation, paid to the organizer when the tournament finishes; each exactly once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dev_issuer import DevIssuer
from app.container import Container
from app.db import Database
from app.economy.models import EscrowHold, EscrowStatus, LedgerAccount, SystemAccount
from app.events.outbox import to_envelope
from app.events.processor import Outcome
from app.sports.models import Sport
from app.teams.models import Team
from app.tournaments.models import EntryStatus, Tournament, TournamentEntry, TournamentFormat
from app.users.models import User
from tests.economy.support import check_ledger, derived_balances
from tests.factories import create_team, create_user, fund
from tests.fixtures.app import GQL, AppFactory, TestClock, token_for
from tests.tournaments.helpers import (
    APPLICATION,
    confirmations_since,
    create_tournament,
    mutate,
    play_round,
    processor,
)

FEE = 100
APPLY = (
    "mutation($v: ApplyToTournamentInput!) { applyToTournament(input: $v) { __typename "
    f"... on TournamentApplicationPayload {{ {APPLICATION} }} "
    "... on InsufficientFunds { code balance required } } }"
)


async def balance(session: AsyncSession, owner: User | Team) -> int:
    column = LedgerAccount.user_id if isinstance(owner, User) else LedgerAccount.team_id
    return int(await session.scalar(select(LedgerAccount.balance).where(column == owner.id)) or 0)


async def holds(session: AsyncSession) -> list[EscrowStatus]:
    session.expunge_all()
    return list(await session.scalars(select(EscrowHold.status).order_by(EscrowHold.created_at)))


async def escrowed(session: AsyncSession) -> int:
    return (await derived_balances(session)).get(SystemAccount.ESCROW.account_id, 0)


async def club(session: AsyncSession, t: Tournament, pd: int = FEE) -> tuple[User, Team]:
    captain = await create_user(session)
    sport = await session.get_one(Sport, t.sport_id)
    team = await create_team(session, captain=captain, sport=sport)
    if pd:
        await fund(session, user=captain, amount=pd)
    return captain, team


def apply_values(t: Tournament, team: Team, captain: User) -> dict[str, Any]:
    return {"tournamentId": str(t.id), "teamId": str(team.id), "rosterUserIds": [str(captain.id)]}


async def apply(gql: GQL, t: Tournament, team: Team, captain: User) -> dict[str, Any]:
    response = await gql(APPLY, {"v": apply_values(t, team, captain)}, as_user=captain)
    assert response.data is not None, response.errors
    result: dict[str, Any] = response.data["applyToTournament"]
    return result


async def applied(gql: GQL, t: Tournament, team: Team, captain: User) -> str:
    result = await apply(gql, t, team, captain)
    assert result["__typename"] == "TournamentApplicationPayload", result
    application_id: str = result["application"]["id"]
    return application_id


async def decide(
    gql: GQL, session: AsyncSession, t: Tournament, application_id: str, approve: bool
) -> None:
    organizer = await session.get_one(User, t.organizer_id)
    values = {"applicationId": application_id, "approve": approve}
    decided = await mutate(gql, "decideTournamentApplication", values, organizer, APPLICATION)
    assert decided["application"]["status"] == ("APPROVED" if approve else "REJECTED")


async def test_the_captain_pays_when_the_team_wallet_cannot(
    gql: GQL, session: AsyncSession
) -> None:
    t = await create_tournament(session, entry_fee=FEE)
    captain, team = await club(session, t, pd=150)
    await fund(session, team=team, amount=FEE - 1)

    application_id = await applied(gql, t, team, captain)

    assert await balance(session, captain) == 50
    assert await balance(session, team) == FEE - 1
    hold = (await session.scalars(select(EscrowHold))).one()
    assert (hold.key, hold.status, hold.amount) == (
        f"tournament-entry:{application_id}",
        EscrowStatus.HELD,
        FEE,
    )
    assert await escrowed(session) == FEE
    await check_ledger(session)


async def test_a_team_wallet_that_covers_the_fee_pays_it(gql: GQL, session: AsyncSession) -> None:
    t = await create_tournament(session, entry_fee=FEE)
    captain, team = await club(session, t)
    await fund(session, team=team, amount=FEE)

    await applied(gql, t, team, captain)

    assert (await balance(session, team), await balance(session, captain)) == (0, FEE)
    assert await holds(session) == [EscrowStatus.HELD]
    await check_ledger(session)


async def test_without_enough_pd_the_application_is_refused_and_nothing_is_written(
    gql: GQL, session: AsyncSession
) -> None:
    t = await create_tournament(session, entry_fee=FEE)
    captain, team = await club(session, t, pd=FEE - 1)

    refused = await apply(gql, t, team, captain)

    assert refused == {
        "__typename": "InsufficientFunds",
        "code": "INSUFFICIENT_FUNDS",
        "balance": FEE - 1,
        "required": FEE,
    }
    session.expunge_all()
    assert await session.scalar(select(func.count()).select_from(TournamentEntry)) == 0
    assert await holds(session) == []
    assert await balance(session, captain) == FEE - 1
    assert await escrowed(session) == 0


async def test_rejection_withdrawal_and_cancellation_refund_the_fee(
    gql: GQL, session: AsyncSession
) -> None:
    t = await create_tournament(session, entry_fee=FEE)
    clubs = [await club(session, t) for _ in range(4)]
    rejected, withdrawn, approved, _ = [
        await applied(gql, t, team, captain) for captain, team in clubs
    ]
    assert await escrowed(session) == 4 * FEE

    await decide(gql, session, t, rejected, approve=False)
    await decide(gql, session, t, withdrawn, approve=True)
    await decide(gql, session, t, approved, approve=True)
    taken_back = await mutate(
        gql,
        "withdrawFromTournament",
        {"applicationId": withdrawn},
        clubs[1][0],
        APPLICATION,
    )
    assert taken_back["application"]["status"] == "WITHDRAWN"
    assert [await balance(session, captain) for captain, _ in clubs] == [FEE, FEE, 0, 0]
    organizer = await session.get_one(User, t.organizer_id)
    cancelled = await mutate(
        gql, "cancelTournament", {"tournamentId": str(t.id), "reason": "Ливень"}, organizer
    )

    assert cancelled["tournament"]["status"] == "CANCELLED"
    assert [await balance(session, captain) for captain, _ in clubs] == [FEE] * 4
    assert await holds(session) == [EscrowStatus.REFUNDED] * 4
    assert await escrowed(session) == 0
    assert await balance(session, organizer) == 0
    await check_ledger(session)


async def test_the_organizer_is_paid_once_when_the_tournament_finishes(
    gql: GQL, session: AsyncSession, database: Database, container: Container, clock: TestClock
) -> None:
    t = await create_tournament(
        session, entry_fee=FEE, format=TournamentFormat.SINGLE_ELIMINATION, capacity=4
    )
    organizer = await session.get_one(User, t.organizer_id)
    clubs = [await club(session, t) for _ in range(2)]
    for captain, team in clubs:
        await decide(gql, session, t, await applied(gql, t, team, captain), approve=True)
    await mutate(gql, "startTournament", {"tournamentId": str(t.id)}, organizer)
    assert (await escrowed(session), await balance(session, organizer)) == (2 * FEE, 0)
    entries = (await session.scalars(select(TournamentEntry))).all()
    seed_of = {e.team_id: e.seed or 0 for e in entries}
    captains = {team.id: captain for captain, team in clubs}
    worker = processor(database, container, clock)

    played, _ = await play_round(gql, session, worker, clock, captains, seed_of, t.id, 0)

    assert played == 1
    session.expunge_all()
    assert (await session.get_one(Tournament, t.id)).champion_team_id is not None
    assert await balance(session, organizer) == 2 * FEE
    assert await holds(session) == [EscrowStatus.RELEASED] * 2
    final = await confirmations_since(session, 0)
    assert [await worker.process(to_envelope(row)) for row in final] == [Outcome.DUPLICATE]
    assert await balance(session, organizer) == 2 * FEE
    assert await escrowed(session) == 0
    await check_ledger(session)


@pytest.fixture
async def http(
    committed_database: Database, app_factory: AppFactory
) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app_factory(committed_database))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        yield client


async def test_a_withdrawal_racing_a_rejection_refunds_once(
    committed_database: Database, http: httpx.AsyncClient, dev_issuer: DevIssuer
) -> None:
    async with committed_database.transaction() as session:
        t = await create_tournament(session, entry_fee=FEE)
        captain, team = await club(session, t)
        organizer = await session.get_one(User, t.organizer_id)
    entry_id = await _apply_over_http(http, dev_issuer, t, team, captain)

    async def post(query: str, values: dict[str, Any], user: User) -> str:
        headers = {"Authorization": f"Bearer {token_for(dev_issuer, user)}"}
        body = {"query": query, "variables": {"v": values}}
        answer = (await http.post("/graphql", json=body, headers=headers)).json()
        return str(next(iter(answer["data"].values()))["__typename"])

    outcomes = await asyncio.gather(
        post(
            "mutation($v: TournamentApplicationIdInput!) "
            "{ withdrawFromTournament(input: $v) { __typename } }",
            {"applicationId": entry_id},
            captain,
        ),
        post(
            "mutation($v: DecideTournamentApplicationInput!) "
            "{ decideTournamentApplication(input: $v) { __typename } }",
            {"applicationId": entry_id, "approve": False},
            organizer,
        ),
    )

    assert sorted(outcomes) == ["TournamentApplicationNotPending", "TournamentApplicationPayload"]
    async with committed_database.transaction() as session:
        status = await session.scalar(select(TournamentEntry.status))
        assert status in (EntryStatus.WITHDRAWN, EntryStatus.REJECTED)
        assert await balance(session, captain) == FEE
        assert await holds(session) == [EscrowStatus.REFUNDED]
        await check_ledger(session)


async def _apply_over_http(
    http: httpx.AsyncClient, issuer: DevIssuer, t: Tournament, team: Team, captain: User
) -> str:
    headers = {"Authorization": f"Bearer {token_for(issuer, captain)}"}
    body = {"query": APPLY, "variables": {"v": apply_values(t, team, captain)}}
    answer = (await http.post("/graphql", json=body, headers=headers)).json()
    application_id: str = answer["data"]["applyToTournament"]["application"]["id"]
    return application_id
