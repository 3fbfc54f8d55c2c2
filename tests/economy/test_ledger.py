"""The ledger as a service: idempotent balanced transfers, reversals, and the database's own
guards (no negative wallet, no edited or deleted transfer) even when the code is bypassed."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.economy import ledger
from app.economy.errors import IdempotencyKeyReusedError, InsufficientFundsError
from app.economy.events import TransferRecorded
from app.economy.models import LedgerAccount, LedgerTransfer, SystemAccount, TransferKind
from app.economy.rewards import award_xp
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from tests.economy.support import balance, check_ledger
from tests.factories import create_team, create_user, fund

STORE = SystemAccount.STORE


async def pay_store(
    session: AsyncSession, wallet: LedgerAccount, amount: int, key: str
) -> LedgerTransfer:
    return await ledger.transfer(
        session,
        wallet,
        ledger.system(STORE),
        amount,
        kind=TransferKind.PURCHASE,
        key=key,
        description="Покупка",
        now=utcnow(),
    )


async def test_a_transfer_moves_pd_and_is_announced(session: AsyncSession) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=100)
    wallet = await ledger.lock_user_wallet(session, user.id)

    record = await pay_store(session, wallet, 30, "purchase-key-1")

    assert await balance(session, user) == 70
    assert wallet.balance == 70
    assert (record.debit_account_id, record.credit_account_id) == (wallet.id, STORE.account_id)
    await session.flush()
    last = await session.scalar(
        select(OutboxEvent)
        .where(OutboxEvent.type == "economy.transfer_recorded")
        .order_by(OutboxEvent.seq.desc())
        .limit(1)
    )
    assert last is not None
    assert to_envelope(last).event() == TransferRecorded(
        transfer_id=record.id,
        kind="PURCHASE",
        amount=30,
        description="Покупка",
        debit_account_id=wallet.id,
        credit_account_id=STORE.account_id,
        debit_user_id=user.id,
    )
    await check_ledger(session)


async def test_repeating_a_key_returns_the_first_transfer(session: AsyncSession) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=100)
    wallet = await ledger.lock_user_wallet(session, user.id)

    first = await pay_store(session, wallet, 30, "purchase-key-1")
    again = await pay_store(session, wallet, 30, "purchase-key-1")

    assert again.id == first.id
    assert await balance(session, user) == 70
    count = select(func.count()).select_from(LedgerTransfer)
    assert await session.scalar(count.where(LedgerTransfer.kind == TransferKind.PURCHASE)) == 1


async def test_a_key_reused_for_another_movement_is_refused(session: AsyncSession) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=100)
    wallet = await ledger.lock_user_wallet(session, user.id)
    await pay_store(session, wallet, 30, "purchase-key-1")

    with pytest.raises(IdempotencyKeyReusedError):
        await pay_store(session, wallet, 40, "purchase-key-1")

    assert await balance(session, user) == 70


async def test_a_wallet_cannot_pay_more_than_it_holds(session: AsyncSession) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=20)
    wallet = await ledger.lock_user_wallet(session, user.id)

    with pytest.raises(InsufficientFundsError) as refused:
        await pay_store(session, wallet, 21, "purchase-key-1")

    assert refused.value.payload == {"balance": 20, "required": 21}
    purchases = select(func.count()).select_from(LedgerTransfer)
    assert await session.scalar(purchases.where(LedgerTransfer.kind == TransferKind.PURCHASE)) == 0
    assert await balance(session, user) == 20


async def test_repeating_a_key_once_the_wallet_is_short_returns_the_first_transfer(
    session: AsyncSession,
) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=50)
    wallet = await ledger.lock_user_wallet(session, user.id)
    first = await pay_store(session, wallet, 30, "purchase-key-1")

    again = await pay_store(session, wallet, 30, "purchase-key-1")

    assert (again.id, wallet.balance, await balance(session, user)) == (first.id, 20, 20)


async def test_the_database_refuses_a_negative_wallet_whatever_the_code_does(
    session: AsyncSession,
) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=20)
    wallet = await ledger.lock_user_wallet(session, user.id)

    with pytest.raises(IntegrityError, match="ck_ledger_accounts_balance_not_negative"):
        async with session.begin_nested():
            await session.execute(
                update(LedgerAccount)
                .where(LedgerAccount.id == wallet.id)
                .values(balance=LedgerAccount.balance - 21)
                .execution_options(synchronize_session=False)
            )

    assert await balance(session, user) == 20


async def test_a_stale_wallet_still_cannot_go_negative(session: AsyncSession) -> None:
    """A caller that skipped the lock (its balance is stale) meets the database check."""
    user = await create_user(session)
    await fund(session, user=user, amount=20)
    stale = await ledger.lock_user_wallet(session, user.id)
    await session.execute(
        update(LedgerAccount)
        .where(LedgerAccount.id == stale.id)
        .values(balance=5)
        .execution_options(synchronize_session=False)
    )

    with pytest.raises(InsufficientFundsError):
        async with session.begin_nested():
            await pay_store(session, stale, 10, "purchase-key-1")


async def test_transfers_and_xp_entries_cannot_be_edited_or_deleted(
    session: AsyncSession,
) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=20)
    await award_xp(session, user.id, 10, reason="test", key="xp-key-1", now=utcnow())

    for statement in (
        "UPDATE ledger_transfers SET amount = amount + 1",
        "DELETE FROM ledger_transfers",
        "UPDATE xp_entries SET amount = 1",
    ):
        with pytest.raises(DBAPIError, match="immutable"):
            async with session.begin_nested():
                await session.execute(text(statement))


async def test_a_reversal_mirrors_the_transfer_once(session: AsyncSession) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=100)
    wallet = await ledger.lock_user_wallet(session, user.id)
    paid = await pay_store(session, wallet, 30, "purchase-key-1")

    undone = await ledger.reverse(
        session,
        paid,
        kind=TransferKind.PURCHASE,
        key="refund-key-1",
        description="Возврат",
        now=utcnow(),
    )

    assert (undone.debit_account_id, undone.credit_account_id, undone.amount) == (
        STORE.account_id,
        wallet.id,
        30,
    )
    assert undone.reverses_id == paid.id
    assert await balance(session, user) == 100
    with pytest.raises(IntegrityError, match="uq_ledger_transfers_reverses_id"):
        async with session.begin_nested():
            await ledger.reverse(
                session,
                paid,
                kind=TransferKind.PURCHASE,
                key="refund-key-2",
                description="Возврат ещё раз",
                now=utcnow(),
            )
    await check_ledger(session)


async def test_team_wallets_are_wallets_too(session: AsyncSession) -> None:
    team = await create_team(session)
    await fund(session, team=team, amount=50)

    wallet = await ledger.team_wallet(session, team.id)

    assert wallet is not None
    assert (wallet.team_id, wallet.balance) == (team.id, 50)
    await check_ledger(session)


async def test_system_accounts_exist_with_the_ids_the_code_uses(session: AsyncSession) -> None:
    rows = (
        await session.execute(
            select(LedgerAccount.code, LedgerAccount.id, LedgerAccount.balance).where(
                LedgerAccount.code.is_not(None)
            )
        )
    ).all()

    assert sorted(rows) == sorted((code, code.account_id, None) for code in SystemAccount)
