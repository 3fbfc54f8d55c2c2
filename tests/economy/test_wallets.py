"""wallet, teamWallet and contributeToTeamWallet."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.economy.models import LedgerAccount, LedgerTransfer
from app.teams.models import Team
from tests.economy.support import balance, check_ledger
from tests.factories import add_member, create_team, create_user, fund
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.statements import StatementCounter

WALLET = """
query($first: Int!, $after: String) {
  wallet {
    balance
    transfers(first: $first, after: $after) {
      nodes { kind amount description }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""
TEAM_WALLET = """
query($teamId: ID!) {
  teamWallet(teamId: $teamId) { balance transfers { nodes { kind amount description } } }
}
"""
CONTRIBUTE = """
mutation($input: ContributeToTeamWalletInput!) {
  contributeToTeamWallet(input: $input) {
    __typename
    ... on ContributeToTeamWalletPayload { wallet { balance } teamWallet { balance } }
    ... on UserError { code }
  }
}
"""


def contribution(team: Team, amount: int, key: str = "contribution-1") -> dict[str, Any]:
    return {"input": {"teamId": str(team.id), "amount": amount, "idempotencyKey": key}}


async def ledger_state(session: AsyncSession) -> tuple[Any, ...]:
    transfers = (await session.scalars(select(LedgerTransfer.id))).all()
    balances = (await session.execute(select(LedgerAccount.id, LedgerAccount.balance))).all()
    return sorted(map(str, transfers)), sorted(map(str, balances))


async def test_my_wallet_pages_its_history_newest_first(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    empty = await gql(WALLET, {"first": 10}, as_user=user)
    for amount in (10, 20, 30):
        await fund(session, user=user, amount=amount)
    clock.current = utcnow()
    await gql(CONTRIBUTE, contribution(await create_team(session, captain=user), 15), as_user=user)

    first = await gql(WALLET, {"first": 3}, as_user=user)
    cursor = first.data["wallet"]["transfers"]["pageInfo"]["endCursor"]
    rest = await gql(WALLET, {"first": 3, "after": cursor}, as_user=user)

    assert empty.data["wallet"] == {
        "balance": 0,
        "transfers": {"nodes": [], "pageInfo": {"hasNextPage": False, "endCursor": None}},
    }
    assert first.data["wallet"]["balance"] == 45
    assert [
        (node["kind"], node["amount"]) for node in first.data["wallet"]["transfers"]["nodes"]
    ] == [("CONTRIBUTION", -15), ("ADJUSTMENT", 30), ("ADJUSTMENT", 20)]
    assert first.data["wallet"]["transfers"]["pageInfo"]["hasNextPage"] is True
    assert rest.data["wallet"]["transfers"]["nodes"] == [
        {"kind": "ADJUSTMENT", "amount": 10, "description": "Пополнение для теста"}
    ]
    assert rest.data["wallet"]["transfers"]["pageInfo"]["hasNextPage"] is False


async def test_the_wallet_runs_in_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    user = await create_user(session)
    for _ in range(12):
        await fund(session, user=user, amount=1)
    await session.flush()

    with count_statements() as log:
        response = await gql(WALLET, {"first": 10}, as_user=user)

    assert len(response.data["wallet"]["transfers"]["nodes"]) == 10
    assert len(log) == 3, str(log)


async def test_members_contribute_to_and_see_the_team_wallet(
    gql: GQL, session: AsyncSession
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain, name="Соколы")
    player = await add_member(session, team=team)
    await fund(session, user=player, amount=100)

    paid = await gql(CONTRIBUTE, contribution(team, 60), as_user=player)
    repeated = await gql(CONTRIBUTE, contribution(team, 60), as_user=player)
    seen = await gql(TEAM_WALLET, {"teamId": str(team.id)}, as_user=captain)

    assert paid.data["contributeToTeamWallet"] == {
        "__typename": "ContributeToTeamWalletPayload",
        "wallet": {"balance": 40},
        "teamWallet": {"balance": 60},
    }
    assert repeated.data == paid.data
    assert seen.data["teamWallet"] == {
        "balance": 60,
        "transfers": {
            "nodes": [
                {
                    "kind": "CONTRIBUTION",
                    "amount": 60,
                    "description": "Взнос в кошелёк команды «Соколы»",
                }
            ]
        },
    }
    assert await balance(session, player) == 40
    await check_ledger(session)


async def test_contributions_that_cannot_be_made_change_nothing(
    gql: GQL, session: AsyncSession
) -> None:
    captain, outsider = await create_user(session), await create_user(session)
    team = await create_team(session, captain=captain)
    disbanded = await create_team(session, captain=captain)
    disbanded.disbanded_at = disbanded.created_at
    for user in (captain, outsider):
        await fund(session, user=user, amount=50)
    await gql(CONTRIBUTE, contribution(team, 10, "contribution-used"), as_user=captain)
    before = await ledger_state(session)

    poor = await gql(CONTRIBUTE, contribution(team, 51), as_user=captain)
    reused = await gql(CONTRIBUTE, contribution(team, 11, "contribution-used"), as_user=captain)
    invalid = await gql(CONTRIBUTE, contribution(team, 0), as_user=captain)
    closed = await gql(CONTRIBUTE, contribution(disbanded, 10), as_user=captain)
    stranger = await gql(CONTRIBUTE, contribution(team, 10), as_user=outsider)

    codes = [r.data["contributeToTeamWallet"]["code"] for r in (poor, reused, invalid, closed)]
    assert codes == [
        "INSUFFICIENT_FUNDS",
        "IDEMPOTENCY_KEY_REUSED",
        "VALIDATION_FAILED",
        "TEAM_DISBANDED",
    ]
    assert stranger.error_codes == ["FORBIDDEN"]
    assert await ledger_state(session) == before


async def test_a_team_wallet_is_for_members_only(gql: GQL, session: AsyncSession) -> None:
    captain, outsider = await create_user(session), await create_user(session)
    team = await create_team(session, captain=captain)

    member = await gql(TEAM_WALLET, {"teamId": str(team.id)}, as_user=captain)
    stranger = await gql(TEAM_WALLET, {"teamId": str(team.id)}, as_user=outsider)
    missing = await gql(TEAM_WALLET, {"teamId": str(outsider.id)}, as_user=captain)

    assert member.data["teamWallet"] == {"balance": 0, "transfers": {"nodes": []}}
    assert stranger.error_codes == ["FORBIDDEN"]
    assert missing.data == {"teamWallet": None}
