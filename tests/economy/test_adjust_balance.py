"""adjustBalance: administrators' corrections, kept as transfers that say who and why."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.economy.models import LedgerTransfer, SystemAccount, TransferKind
from tests.economy.support import balance, check_ledger
from tests.factories import create_user
from tests.fixtures.app import GQL

ADJUST = """
mutation($input: AdjustBalanceInput!) {
  adjustBalance(input: $input) {
    __typename
    ... on AdjustBalancePayload { wallet { balance } transfer { kind amount description } }
    ... on ValidationFailed { fields { path code } }
    ... on InsufficientFunds { balance required }
    ... on UserError { code }
  }
}
"""


def adjust(
    user: Any, amount: int, reason: str = "Компенсация за сбой", **extra: Any
) -> dict[str, Any]:
    return {"input": {"userId": str(user.id), "amount": amount, "reason": reason, **extra}}


async def transfers(session: AsyncSession) -> list[tuple[Any, ...]]:
    stmt = select(
        LedgerTransfer.kind,
        LedgerTransfer.amount,
        LedgerTransfer.debit_account_id,
        LedgerTransfer.actor_id,
        LedgerTransfer.description,
    ).order_by(LedgerTransfer.created_at)
    return list((await session.execute(stmt)).all())


async def test_an_administrator_credits_and_debits_with_a_reason(
    gql: GQL, session: AsyncSession
) -> None:
    admin = await create_user(session, roles=[Role.ADMINISTRATOR])
    user = await create_user(session)

    credit = await gql(ADJUST, adjust(user, 500, idempotencyKey="adjust-0001"), as_user=admin)
    repeat = await gql(ADJUST, adjust(user, 500, idempotencyKey="adjust-0001"), as_user=admin)
    debit = await gql(ADJUST, adjust(user, -120, "Списание за нарушение"), as_user=admin)

    assert credit.data["adjustBalance"] == {
        "__typename": "AdjustBalancePayload",
        "wallet": {"balance": 500},
        "transfer": {"kind": "ADJUSTMENT", "amount": 500, "description": "Компенсация за сбой"},
    }
    assert repeat.data["adjustBalance"]["wallet"] == {"balance": 500}
    assert debit.data["adjustBalance"]["transfer"]["amount"] == -120
    assert await balance(session, user) == 380
    rows = await transfers(session)
    assert [(kind, amount, actor) for kind, amount, _, actor, _ in rows] == [
        (TransferKind.ADJUSTMENT, 500, admin.id),
        (TransferKind.ADJUSTMENT, 120, admin.id),
    ]
    assert rows[0][2] == SystemAccount.ADJUSTMENTS.account_id
    await check_ledger(session)


async def test_refused_adjustments_change_nothing(gql: GQL, session: AsyncSession) -> None:
    admin = await create_user(session, roles=[Role.ADMINISTRATOR])
    user = await create_user(session)
    await gql(ADJUST, adjust(user, 100, idempotencyKey="adjust-0001"), as_user=admin)
    before = await transfers(session)

    overdraw = await gql(ADJUST, adjust(user, -101), as_user=admin)
    invalid = await gql(ADJUST, adjust(user, 0, " x ", idempotencyKey="short"), as_user=admin)
    reused = await gql(ADJUST, adjust(user, 99, idempotencyKey="adjust-0001"), as_user=admin)
    unknown = {"input": {**adjust(admin, 5)["input"], "userId": "not-a-user"}}
    nobody = await gql(ADJUST, unknown, as_user=admin)

    assert overdraw.data["adjustBalance"] == {
        "__typename": "InsufficientFunds",
        "balance": 100,
        "required": 101,
        "code": "INSUFFICIENT_FUNDS",
    }
    assert invalid.data["adjustBalance"]["fields"] == [
        {"path": "amount", "code": "OUT_OF_RANGE"},
        {"path": "reason", "code": "TOO_SHORT"},
        {"path": "idempotencyKey", "code": "INVALID_FORMAT"},
    ]
    assert reused.data["adjustBalance"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert nobody.data["adjustBalance"]["code"] == "NOT_FOUND"
    assert await transfers(session) == before
