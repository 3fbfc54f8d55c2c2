"""The PD ledger: wallets, balanced transfers with idempotency keys, reversals.

Every operation that changes a user's economy (rewards, quest claims, purchases) starts with
``lock_user_wallet``. That one row lock serialises a user's operations, so checks such as
"enough PD", "not claimed yet" or "under today's cap" cannot be raced, and everybody takes
locks in the same order (wallet first), so they cannot deadlock either.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from app.economy.errors import IdempotencyKeyReusedError, InsufficientFundsError
from app.economy.events import TransferRecorded
from app.economy.models import (
    AccountKind,
    LedgerAccount,
    LedgerTransfer,
    SystemAccount,
    TransferKind,
)
from app.economy.repository import AccountRepository, TransferRepository
from app.events import emit

NEGATIVE_BALANCE = "ck_ledger_accounts_balance_not_negative"


def system(code: SystemAccount) -> LedgerAccount:
    """A value standing for a system account (its row exists; this one is never added)."""
    return LedgerAccount(id=code.account_id, kind=AccountKind.SYSTEM, code=code)


async def lock_user_wallet(session: AsyncSession, user_id: uuid.UUID) -> LedgerAccount:
    return await AccountRepository(session).lock_wallet(AccountKind.USER, user_id)


async def lock_team_wallet(session: AsyncSession, team_id: uuid.UUID) -> LedgerAccount:
    return await AccountRepository(session).lock_wallet(AccountKind.TEAM, team_id)


async def user_wallet(session: AsyncSession, user_id: uuid.UUID) -> LedgerAccount | None:
    return await AccountRepository(session).wallet(AccountKind.USER, user_id)


async def team_wallet(session: AsyncSession, team_id: uuid.UUID) -> LedgerAccount | None:
    return await AccountRepository(session).wallet(AccountKind.TEAM, team_id)


async def transfer(
    session: AsyncSession,
    debit: LedgerAccount,
    credit: LedgerAccount,
    amount: int,
    *,
    kind: TransferKind,
    key: str,
    description: str,
    now: datetime,
    actor_id: uuid.UUID | None = None,
    reverses_id: uuid.UUID | None = None,
) -> LedgerTransfer:
    """Move ``amount`` PD from ``debit`` to ``credit`` once per ``key``.

    Repeating a key returns the first transfer and changes nothing; a key reused for a
    different movement is an error. A wallet without enough PD raises
    ``InsufficientFundsError``: checked here for wallets the caller locked, and by the
    database check in any case.
    """
    record = LedgerTransfer(
        id=uuid.uuid4(),
        idempotency_key=key,
        kind=kind,
        debit_account_id=debit.id,
        credit_account_id=credit.id,
        amount=amount,
        description=description,
        actor_id=actor_id,
        reverses_id=reverses_id,
        created_at=now,
    )
    transfers = TransferRepository(session)
    if debit.balance is not None and debit.balance < amount:
        # A repeated key still returns its transfer; a new one is refused before any write.
        earlier = await transfers.by_key(key)
        if earlier is None:
            raise InsufficientFundsError(balance=debit.balance, required=amount)
        return _same_or_refuse(earlier, record)
    try:
        added = await transfers.add(record)
    except IntegrityError as exc:
        if NEGATIVE_BALANCE in str(exc.orig):
            raise InsufficientFundsError(balance=debit.balance or 0, required=amount) from exc
        raise
    if not added:
        return _same_or_refuse(await transfers.by_key(key), record)
    _apply_locally(debit, credit, amount)
    emit(session, _recorded(record, debit, credit), actor_id=actor_id, occurred_at=now)
    return record


async def reverse(
    session: AsyncSession,
    original: LedgerTransfer,
    *,
    kind: TransferKind,
    key: str,
    description: str,
    now: datetime,
    actor_id: uuid.UUID | None = None,
) -> LedgerTransfer:
    """Undo a transfer with its mirror image; a transfer can be reversed once."""
    accounts = await AccountRepository(session).get_many(
        [original.debit_account_id, original.credit_account_id]
    )
    return await transfer(
        session,
        accounts[original.credit_account_id],
        accounts[original.debit_account_id],
        original.amount,
        kind=kind,
        key=key,
        description=description,
        now=now,
        actor_id=actor_id,
        reverses_id=original.id,
    )


def _same_or_refuse(existing: LedgerTransfer | None, wanted: LedgerTransfer) -> LedgerTransfer:
    def shape(t: LedgerTransfer) -> tuple[object, ...]:
        return (t.kind, t.debit_account_id, t.credit_account_id, t.amount, t.reverses_id)

    if existing is None or shape(existing) != shape(wanted):
        raise IdempotencyKeyReusedError()
    return existing


def _apply_locally(debit: LedgerAccount, credit: LedgerAccount, amount: int) -> None:
    """Keep loaded wallets equal to their rows without reloading or re-writing them."""
    for account, delta in ((debit, -amount), (credit, amount)):
        if account.balance is not None:
            set_committed_value(account, "balance", account.balance + delta)


def _recorded(
    record: LedgerTransfer, debit: LedgerAccount, credit: LedgerAccount
) -> TransferRecorded:
    return TransferRecorded(
        transfer_id=record.id,
        kind=record.kind.value,
        amount=record.amount,
        description=record.description,
        debit_account_id=debit.id,
        credit_account_id=credit.id,
        debit_user_id=debit.user_id,
        debit_team_id=debit.team_id,
        credit_user_id=credit.user_id,
        credit_team_id=credit.team_id,
        reverses_id=record.reverses_id,
    )
