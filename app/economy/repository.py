from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, bindparam, case, func, select, union_all, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import any_of
from app.economy.models import (
    AccountKind,
    EconomyRule,
    EscrowHold,
    LedgerAccount,
    LedgerTransfer,
    Movement,
    Rank,
    RewardGrant,
    UserProgress,
    XpEntry,
)
from app.pagination import Keyset, Page, PageRequest, SortKey, build_page, keyset


class AccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def wallet(self, kind: AccountKind, owner_id: uuid.UUID) -> LedgerAccount | None:
        return await self.session.scalar(_WALLETS[kind], {"owner_id": owner_id})

    async def lock_wallet(self, kind: AccountKind, owner_id: uuid.UUID) -> LedgerAccount:
        """The wallet row locked for this transaction, created on first use."""
        stmt = _WALLETS[kind].with_for_update().execution_options(populate_existing=True)
        wallet = await self.session.scalar(stmt, {"owner_id": owner_id})
        if wallet is not None:
            return wallet
        owner = {"user_id" if kind is AccountKind.USER else "team_id": owner_id}
        await self.session.execute(
            insert(LedgerAccount)
            .values(id=uuid.uuid4(), kind=kind, balance=0, **owner)
            .on_conflict_do_nothing()
        )
        return (await self.session.scalars(stmt, {"owner_id": owner_id})).one()

    async def get_many(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, LedgerAccount]:
        rows = await self.session.scalars(select(LedgerAccount).where(LedgerAccount.id.in_(ids)))
        return {account.id: account for account in rows}

    async def move(self, debit_id: uuid.UUID, credit_id: uuid.UUID, amount: int) -> None:
        """Apply a transfer to the stored wallet balances (system accounts keep none)."""
        delta = case((LedgerAccount.id == debit_id, -amount), else_=amount)
        await self.session.execute(
            update(LedgerAccount)
            .where(LedgerAccount.id.in_([debit_id, credit_id]), LedgerAccount.balance.is_not(None))
            .values(balance=LedgerAccount.balance + delta)
            .execution_options(synchronize_session=False)
        )


_WALLETS = {
    kind: select(LedgerAccount).where(column == bindparam("owner_id"))
    for kind, column in (
        (AccountKind.USER, LedgerAccount.user_id),
        (AccountKind.TEAM, LedgerAccount.team_id),
    )
}


MOVEMENT_ORDER = (
    SortKey(LedgerTransfer.created_at, datetime, descending=True),
    SortKey(LedgerTransfer.id, uuid.UUID, descending=True),
)


class TransferRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, transfer: LedgerTransfer) -> bool:
        """Insert unless the idempotency key is taken; ``False`` means it was."""
        values = {c.key: getattr(transfer, c.key) for c in LedgerTransfer.__table__.columns}
        inserted = await self.session.scalar(
            insert(LedgerTransfer)
            .values(values)
            .on_conflict_do_nothing(index_elements=[LedgerTransfer.idempotency_key])
            .returning(LedgerTransfer.id)
        )
        return inserted is not None

    async def by_key(self, key: str) -> LedgerTransfer | None:
        stmt = select(LedgerTransfer).where(LedgerTransfer.idempotency_key == key)
        return await self.session.scalar(stmt.execution_options(populate_existing=True))

    async def get(self, transfer_id: uuid.UUID) -> LedgerTransfer | None:
        return await self.session.get(LedgerTransfer, transfer_id)

    async def page_for(self, account_id: uuid.UUID, request: PageRequest) -> Page[Movement]:
        """Newest first: a page from each indexed side of the account, merged."""
        sides = union_all(
            *(
                keyset(select(LedgerTransfer.id).where(side == account_id), MOVEMENT_ORDER, request)
                for side in (LedgerTransfer.credit_account_id, LedgerTransfer.debit_account_id)
            )
        )
        stmt = keyset(
            select(LedgerTransfer).where(LedgerTransfer.id.in_(sides.scalar_subquery())),
            MOVEMENT_ORDER,
            PageRequest(first=request.first),
        )
        rows = [
            Movement(t, t.amount if t.credit_account_id == account_id else -t.amount)
            for t in (await self.session.scalars(stmt)).all()
        ]
        return build_page(rows, request, lambda m: (m.transfer.created_at, m.transfer.id))


class EscrowRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock(self, key: str) -> EscrowHold | None:
        stmt = (
            select(EscrowHold)
            .where(EscrowHold.key == key)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return await self.session.scalar(stmt)

    async def add(self, hold: EscrowHold) -> EscrowHold:
        self.session.add(hold)
        await self.session.flush()
        return hold


class RuleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def all(self) -> list[EconomyRule]:
        return list((await self.session.scalars(select(EconomyRule).order_by("code"))).all())

    async def active_for(self, activity: str) -> list[EconomyRule]:
        stmt = select(EconomyRule).where(EconomyRule.activity == activity, EconomyRule.active)
        return list((await self.session.scalars(stmt.order_by(EconomyRule.code))).all())

    async def lock(self, code: str) -> EconomyRule | None:
        return await self.session.get(
            EconomyRule, code, with_for_update=True, populate_existing=True
        )


class GrantRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def earned_on(self, user_id: uuid.UUID, rule_code: str, day: date) -> int:
        stmt = select(func.coalesce(func.sum(RewardGrant.pd), 0)).where(
            RewardGrant.user_id == user_id,
            RewardGrant.rule_code == rule_code,
            RewardGrant.day == day,
        )
        return int(await self.session.scalar(stmt) or 0)

    async def add(self, grant: RewardGrant) -> bool:
        """Insert unless this rule already rewarded this source for this user."""
        values = {c.key: getattr(grant, c.key) for c in RewardGrant.__table__.columns}
        inserted = await self.session.scalar(
            insert(RewardGrant).values(values).on_conflict_do_nothing().returning(RewardGrant.id)
        )
        return inserted is not None


class ProgressRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_entry(self, entry: XpEntry) -> bool:
        values = {c.key: getattr(entry, c.key) for c in XpEntry.__table__.columns}
        inserted = await self.session.scalar(
            insert(XpEntry)
            .values(values)
            .on_conflict_do_nothing(index_elements=[XpEntry.idempotency_key])
            .returning(XpEntry.id)
        )
        return inserted is not None

    async def add_xp(self, user_id: uuid.UUID, amount: int, now: datetime) -> int:
        """The new total."""
        stmt = (
            insert(UserProgress)
            .values(user_id=user_id, xp=amount, updated_at=now)
            .on_conflict_do_update(
                index_elements=[UserProgress.user_id],
                set_={"xp": UserProgress.xp + amount, "updated_at": now},
            )
            .returning(UserProgress.xp)
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def set_city(self, user_id: uuid.UUID, city_key: str | None, now: datetime) -> None:
        await self.session.execute(
            insert(UserProgress)
            .values(user_id=user_id, xp=0, city_key=city_key, updated_at=now)
            .on_conflict_do_update(
                index_elements=[UserProgress.user_id],
                set_={"city_key": city_key, "updated_at": now},
            )
        )

    async def xp_of(self, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        rows = await self.session.execute(_XP_OF, {"user_ids": list(user_ids)})
        return {user_id: int(xp) for user_id, xp in rows.all()}

    async def leaderboard(self, city_key: str | None, request: PageRequest) -> Page[UserProgress]:
        stmt, params = leaderboard_statement(city_key, request)
        rows = (await self.session.scalars(stmt, params)).all()
        return build_page(rows, request, lambda row: (row.xp, row.user_id))


_XP_OF = select(UserProgress.user_id, UserProgress.xp).where(
    any_of(UserProgress.user_id, "user_ids")
)


LEADERBOARD_ORDER = (
    SortKey(UserProgress.xp, int, descending=True),
    SortKey(UserProgress.user_id, uuid.UUID, descending=True),
)


_LEADERBOARD = Keyset.of(select(UserProgress), LEADERBOARD_ORDER)
_CITY_LEADERBOARD = Keyset.of(
    select(UserProgress).where(UserProgress.city_key == bindparam("city_key")), LEADERBOARD_ORDER
)


def leaderboard_statement(
    city_key: str | None, request: PageRequest
) -> tuple[Select[UserProgress], dict[str, Any]]:
    """Highest XP first, read along ``ix_user_progress_leaderboard`` (or its city twin)."""
    if city_key is None:
        return _LEADERBOARD.page(request, {})
    return _CITY_LEADERBOARD.page(request, {"city_key": city_key})


class RankRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def levels(self, *xps: int) -> list[int]:
        """The rank level reached at each XP total, in one statement."""
        columns = [
            func.count().filter(Rank.min_xp <= xp).label(f"l{i}") for i, xp in enumerate(xps)
        ]
        row = (await self.session.execute(select(*columns).select_from(Rank))).one()
        return [max(int(level), 1) for level in row]
