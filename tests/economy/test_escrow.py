"""Entry fees in escrow: the API the tournaments domain will call, tested directly."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.economy.errors import (
    EscrowAlreadySettledError,
    IdempotencyKeyReusedError,
    InsufficientFundsError,
)
from app.economy.escrow import WalletOwner, hold_entry_fee, refund_entry_fee, release_entry_fee
from app.economy.models import (
    EscrowHold,
    EscrowStatus,
    LedgerTransfer,
    SystemAccount,
    TransferKind,
)
from app.errors import NotFoundError
from tests.economy.support import balance, check_ledger, derived_balances
from tests.factories import create_team, create_user, fund

FEE = 100


async def hold(
    session: AsyncSession, payer: WalletOwner, key: str = "registration-1"
) -> EscrowHold:
    return await hold_entry_fee(
        session, payer, FEE, key=key, description="Взнос за турнир", now=utcnow()
    )


async def release(
    session: AsyncSession, to: WalletOwner | None, key: str = "registration-1"
) -> EscrowHold:
    return await release_entry_fee(session, key, to, description="Взнос организатору", now=utcnow())


async def refund(session: AsyncSession, key: str = "registration-1") -> EscrowHold:
    return await refund_entry_fee(session, key, description="Возврат взноса", now=utcnow())


async def escrowed(session: AsyncSession) -> int:
    return (await derived_balances(session)).get(SystemAccount.ESCROW.account_id, 0)


async def test_a_captains_fee_is_held_then_released_to_the_organizer(
    session: AsyncSession,
) -> None:
    captain, organizer = await create_user(session), await create_user(session)
    await fund(session, user=captain, amount=150)

    held = await hold(session, WalletOwner.user(captain.id))

    assert held.status is EscrowStatus.HELD
    assert await balance(session, captain) == 50
    assert await escrowed(session) == FEE

    released = await release(session, WalletOwner.user(organizer.id))

    assert released.status is EscrowStatus.RELEASED
    assert released.settled_at is not None
    assert await balance(session, organizer) == FEE
    assert await escrowed(session) == 0
    await check_ledger(session)


async def test_a_teams_fee_goes_to_the_fees_account_without_a_beneficiary(
    session: AsyncSession,
) -> None:
    team = await create_team(session)
    await fund(session, team=team, amount=FEE)

    await hold(session, WalletOwner.team(team.id))
    await release(session, None)

    totals = await derived_balances(session)
    assert totals[SystemAccount.FEES.account_id] == FEE
    assert await escrowed(session) == 0
    await check_ledger(session)


async def test_a_refund_reverses_the_hold(session: AsyncSession) -> None:
    captain = await create_user(session)
    await fund(session, user=captain, amount=FEE)
    held = await hold(session, WalletOwner.user(captain.id))

    refunded = await refund(session)

    assert refunded.status is EscrowStatus.REFUNDED
    assert await balance(session, captain) == FEE
    settlement = await session.get(LedgerTransfer, refunded.settlement_transfer_id)
    assert settlement is not None
    assert (settlement.kind, settlement.reverses_id) == (
        TransferKind.ENTRY_FEE_REFUND,
        held.hold_transfer_id,
    )
    await check_ledger(session)


async def test_every_call_repeats_safely(session: AsyncSession) -> None:
    captain, organizer = await create_user(session), await create_user(session)
    await fund(session, user=captain, amount=FEE * 3)

    first = await hold(session, WalletOwner.user(captain.id))
    again = await hold(session, WalletOwner.user(captain.id))
    await release(session, WalletOwner.user(organizer.id))
    await release(session, WalletOwner.user(organizer.id))

    assert again.id == first.id
    assert await balance(session, captain) == FEE * 2
    assert await balance(session, organizer) == FEE
    transfers = select(func.count()).select_from(LedgerTransfer)
    kinds = (TransferKind.ENTRY_FEE_HOLD, TransferKind.ENTRY_FEE_RELEASE)
    assert await session.scalar(transfers.where(LedgerTransfer.kind.in_(kinds))) == 2


async def test_a_hold_is_settled_one_way_only(session: AsyncSession) -> None:
    captain, organizer = await create_user(session), await create_user(session)
    await fund(session, user=captain, amount=FEE * 2)
    await hold(session, WalletOwner.user(captain.id), key="released")
    await release(session, WalletOwner.user(organizer.id), key="released")
    await hold(session, WalletOwner.user(captain.id), key="refunded")
    await refund(session, key="refunded")

    with pytest.raises(EscrowAlreadySettledError):
        await refund(session, key="released")
    with pytest.raises(EscrowAlreadySettledError):
        await release(session, WalletOwner.user(organizer.id), key="refunded")

    assert (await balance(session, captain), await balance(session, organizer)) == (FEE, FEE)
    await check_ledger(session)


async def test_refusals(session: AsyncSession) -> None:
    captain, other = await create_user(session), await create_user(session)
    await fund(session, user=captain, amount=FEE - 1)
    await fund(session, user=other, amount=FEE)

    with pytest.raises(InsufficientFundsError):
        async with session.begin_nested():
            await hold(session, WalletOwner.user(captain.id))
    await hold(session, WalletOwner.user(other.id))
    with pytest.raises(IdempotencyKeyReusedError):
        await hold(session, WalletOwner.user(captain.id))
    with pytest.raises(NotFoundError):
        await release(session, None, key="no-such-registration")

    assert await balance(session, captain) == FEE - 1
    await check_ledger(session)
