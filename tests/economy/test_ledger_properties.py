"""Property: whatever operations run in whatever order (and however they fail or repeat), the
ledger sums to zero, every stored wallet balance equals its transfers, and none is negative."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.auth.roles import Role
from app.db import utcnow
from app.economy import escrow, ledger, rewards, service
from app.economy.models import SystemAccount, TransferKind
from app.errors import DomainError
from app.teams.models import Team
from app.users.models import User
from tests.economy.support import check_ledger
from tests.factories import add_member, create_team, create_user

USERS = 3
KEYS = 4
"""Few keys, so that operations repeat keys (idempotent replays and refusals)."""


@dataclass(frozen=True)
class Op:
    name: str
    who: int
    amount: int
    key: int
    other: int


ops = st.builds(
    Op,
    name=st.sampled_from(
        ["fund", "debit", "spend", "contribute", "reward", "hold", "hold_team", "release", "refund"]
    ),
    who=st.integers(0, USERS - 1),
    amount=st.integers(1, 300),
    key=st.integers(0, KEYS - 1),
    other=st.integers(-1, USERS - 1),
)


class World:
    def __init__(self, session: AsyncSession, users: list[User], team: Team, admin: User):
        self.session = session
        self.users = users
        self.team = team
        self.admin = Principal(admin.id, admin.subject, frozenset({Role.ADMINISTRATOR}))

    def actor(self, who: int) -> Principal:
        user = self.users[who]
        return Principal(user.id, user.subject, frozenset({Role.PLAYER}))

    async def run(self, op: Op) -> None:
        user, now, s = self.users[op.who], utcnow(), self.session
        if op.name in ("fund", "debit"):
            amount = op.amount if op.name == "fund" else -op.amount
            key = f"adjust-{op.name}-{op.key}"
            await service.adjust_balance(s, self.admin, user.id, amount, "Тест", key=key, now=now)
        elif op.name == "spend":
            wallet = await ledger.lock_user_wallet(s, user.id)
            store = ledger.system(SystemAccount.STORE)
            await ledger.transfer(
                s,
                wallet,
                store,
                op.amount,
                kind=TransferKind.PURCHASE,
                key=f"spend-{op.key}",
                description="Покупка",
                now=now,
            )
        elif op.name == "contribute":
            await service.contribute_to_team(
                s,
                self.actor(op.who),
                self.team.id,
                op.amount,
                key=f"contribution-{op.key}",
                now=now,
            )
        elif op.name == "reward":
            wallet = await ledger.lock_user_wallet(s, user.id)
            earning = rewards.Earning(op.amount, op.amount)
            await rewards.pay(
                s,
                wallet,
                earning,
                kind=TransferKind.REWARD,
                key=f"reward-{op.key}",
                reason="TEST",
                description="Награда",
                now=now,
            )
        else:
            await self.escrow(op, user)

    async def escrow(self, op: Op, user: User) -> None:
        key, now, s = f"fee-{op.key}", utcnow(), self.session
        if op.name in ("hold", "hold_team"):
            payer = (
                escrow.WalletOwner.user(user.id)
                if op.name == "hold"
                else escrow.WalletOwner.team(self.team.id)
            )
            await escrow.hold_entry_fee(s, payer, op.amount, key=key, description="Взнос", now=now)
        elif op.name == "release":
            to = escrow.WalletOwner.user(self.users[op.other].id) if op.other >= 0 else None
            await escrow.release_entry_fee(s, key, to, description="Выплата", now=now)
        else:
            await escrow.refund_entry_fee(s, key, description="Возврат", now=now)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(ops, min_size=1, max_size=25))
async def test_the_ledger_always_balances(session: AsyncSession, operations: list[Op]) -> None:
    example = await session.begin_nested()
    try:
        users = [await create_user(session) for _ in range(USERS)]
        team = await create_team(session, captain=users[0])
        await add_member(session, team=team, user=users[1])
        world = World(session, users, team, await create_user(session, roles=[Role.ADMINISTRATOR]))
        for op in operations:
            try:
                async with session.begin_nested():
                    await world.run(op)
            except DomainError:
                pass  # refused (not enough PD, key reused, not a member...): nothing happened
            await check_ledger(session)
    finally:
        await example.rollback()
