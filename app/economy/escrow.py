"""Entry fees and challenge wagers in escrow.

A captain's application holds the fee (``hold_entry_fee``) from the captain's or the team's
wallet; the tournament's finish releases it to the organizer's wallet or, without a
beneficiary, to the platform's fees account (``release_entry_fee``); rejection, withdrawal or
cancellation gives it back (``refund_entry_fee``, a reversal of the hold). Each call is
idempotent by the hold's key (e.g. the tournament entry id), and a hold is settled exactly one
way.

Personal challenges hold each side's wager the same way (``kinds=WAGER``): the winner's own
wager is refunded and the loser's released to the winner; a draw or a cancellation refunds both.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.economy import ledger
from app.economy.errors import EscrowAlreadySettledError, IdempotencyKeyReusedError
from app.economy.models import (
    AccountKind,
    EscrowHold,
    EscrowStatus,
    LedgerAccount,
    SystemAccount,
    TransferKind,
)
from app.economy.repository import AccountRepository, EscrowRepository, TransferRepository
from app.errors import NotFoundError


@dataclass(frozen=True, slots=True)
class EscrowKinds:
    """How the ledger labels the hold, the release and the refund of one kind of escrow."""

    hold: TransferKind
    release: TransferKind
    refund: TransferKind


ENTRY_FEE = EscrowKinds(
    TransferKind.ENTRY_FEE_HOLD, TransferKind.ENTRY_FEE_RELEASE, TransferKind.ENTRY_FEE_REFUND
)
WAGER = EscrowKinds(TransferKind.WAGER_HOLD, TransferKind.WAGER_PAYOUT, TransferKind.WAGER_REFUND)


@dataclass(frozen=True, slots=True)
class WalletOwner:
    kind: AccountKind
    id: uuid.UUID

    @classmethod
    def user(cls, user_id: uuid.UUID) -> WalletOwner:
        return cls(AccountKind.USER, user_id)

    @classmethod
    def team(cls, team_id: uuid.UUID) -> WalletOwner:
        return cls(AccountKind.TEAM, team_id)


async def hold_entry_fee(
    session: AsyncSession,
    payer: WalletOwner,
    amount: int,
    *,
    key: str,
    description: str,
    now: datetime,
    actor_id: uuid.UUID | None = None,
    kinds: EscrowKinds = ENTRY_FEE,
) -> EscrowHold:
    """Move the fee from the payer's wallet into escrow; raises ``InsufficientFundsError``."""
    if amount <= 0:
        raise ValueError("an entry fee is a positive number of PD")
    wallet = await _lock(session, payer)
    holds = EscrowRepository(session)
    existing = await holds.lock(key)
    if existing is not None:
        if (existing.payer_account_id, existing.amount) != (wallet.id, amount):
            raise IdempotencyKeyReusedError()
        return existing
    held = await ledger.transfer(
        session,
        wallet,
        ledger.system(SystemAccount.ESCROW),
        amount,
        kind=kinds.hold,
        key=f"escrow:{key}:hold",
        description=description,
        now=now,
        actor_id=actor_id,
    )
    hold = EscrowHold(
        key=key,
        payer_account_id=wallet.id,
        amount=amount,
        status=EscrowStatus.HELD,
        hold_transfer_id=held.id,
        created_at=now,
    )
    return await holds.add(hold)


async def release_entry_fee(
    session: AsyncSession,
    key: str,
    beneficiary: WalletOwner | None,
    *,
    description: str,
    now: datetime,
    actor_id: uuid.UUID | None = None,
    kinds: EscrowKinds = ENTRY_FEE,
) -> EscrowHold:
    """Pay the held fee to ``beneficiary``'s wallet, or to the fees account when ``None``."""
    hold = await _settleable(session, key, EscrowStatus.RELEASED)
    if hold.status is EscrowStatus.RELEASED:
        return hold
    credit = (
        await _lock(session, beneficiary)
        if beneficiary is not None
        else ledger.system(SystemAccount.FEES)
    )
    settled = await ledger.transfer(
        session,
        ledger.system(SystemAccount.ESCROW),
        credit,
        hold.amount,
        kind=kinds.release,
        key=f"escrow:{key}:settle",
        description=description,
        now=now,
        actor_id=actor_id,
    )
    return await _settle(session, hold, EscrowStatus.RELEASED, settled.id, now)


async def refund_entry_fee(
    session: AsyncSession,
    key: str,
    *,
    description: str,
    now: datetime,
    actor_id: uuid.UUID | None = None,
    kinds: EscrowKinds = ENTRY_FEE,
) -> EscrowHold:
    hold = await _settleable(session, key, EscrowStatus.REFUNDED)
    if hold.status is EscrowStatus.REFUNDED:
        return hold
    original = await TransferRepository(session).get(hold.hold_transfer_id)
    assert original is not None
    settled = await ledger.reverse(
        session,
        original,
        kind=kinds.refund,
        key=f"escrow:{key}:settle",
        description=description,
        now=now,
        actor_id=actor_id,
    )
    return await _settle(session, hold, EscrowStatus.REFUNDED, settled.id, now)


async def _lock(session: AsyncSession, owner: WalletOwner) -> LedgerAccount:
    return await AccountRepository(session).lock_wallet(owner.kind, owner.id)


async def _settleable(session: AsyncSession, key: str, wanted: EscrowStatus) -> EscrowHold:
    """The hold, locked; settled the other way already is an error, the same way is a repeat."""
    hold = await EscrowRepository(session).lock(key)
    if hold is None:
        raise NotFoundError("Взнос не найден")
    if hold.status not in (EscrowStatus.HELD, wanted):
        raise EscrowAlreadySettledError(status=hold.status.value)
    return hold


async def _settle(
    session: AsyncSession,
    hold: EscrowHold,
    status: EscrowStatus,
    transfer_id: uuid.UUID,
    now: datetime,
) -> EscrowHold:
    hold.status = status
    hold.settlement_transfer_id = transfer_id
    hold.settled_at = now
    await session.flush()
    return hold
