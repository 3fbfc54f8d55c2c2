"""What the economy tests look at: balances, XP, the ledger's invariants, and the worker."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.container import Container
from app.economy.models import LedgerAccount, LedgerTransfer, UserProgress
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.gamification.handlers import WORKER
from app.users.models import User


async def balance(session: AsyncSession, user: User) -> int:
    stmt = select(LedgerAccount.balance).where(LedgerAccount.user_id == user.id)
    return int(await session.scalar(stmt) or 0)


async def xp(session: AsyncSession, user: User) -> int:
    stmt = select(UserProgress.xp).where(UserProgress.user_id == user.id)
    return int(await session.scalar(stmt) or 0)


async def derived_balances(session: AsyncSession) -> dict[Any, int]:
    """Every account's balance as the transfers say: credits minus debits."""
    credits = select(LedgerTransfer.credit_account_id.label("account"), LedgerTransfer.amount)
    debits = select(LedgerTransfer.debit_account_id, -LedgerTransfer.amount)
    moves = credits.union_all(debits).subquery()
    stmt = select(moves.c.account, func.sum(moves.c.amount)).group_by(moves.c.account)
    return {account: int(total) for account, total in (await session.execute(stmt)).all()}


async def check_ledger(session: AsyncSession) -> None:
    """The ledger's invariants: it sums to zero, stored wallet balances equal the transfers',
    and no wallet is negative."""
    derived = await derived_balances(session)
    assert sum(derived.values()) == 0
    wallets = (
        await session.execute(
            select(LedgerAccount.id, LedgerAccount.balance).where(
                LedgerAccount.balance.is_not(None)
            )
        )
    ).all()
    for account_id, stored in wallets:
        assert stored == derived.get(account_id, 0), account_id
        assert stored >= 0


async def deliver(container: Container, session: AsyncSession) -> list[Outcome]:
    """Hand every event in the outbox to the gamification worker, until no new ones appear.

    Runs in the test's transaction; events handled before come back as duplicates.
    """
    processor = EventProcessor(
        WORKER,
        container.db,
        container.settings.events,
        clock=container.clock,
        services=container,
    )
    outcomes: list[Outcome] = []
    seen = 0
    while True:
        stmt = select(OutboxEvent).where(OutboxEvent.seq > seen).order_by(OutboxEvent.seq)
        rows = list((await session.scalars(stmt)).all())
        if not rows:
            return outcomes
        for row in rows:
            outcomes.append(await processor.process(to_envelope(row)))
        seen = rows[-1].seq
