from __future__ import annotations

import uuid
from bisect import bisect_right
from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BindParameter,
    Select,
    Table,
    bindparam,
    case,
    func,
    select,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Base, any_of, table_of
from app.economy.models import (
    AccountKind,
    EconomyRule,
    EscrowHold,
    LedgerAccount,
    LedgerTransfer,
    Movement,
    RewardGrant,
    UserProgress,
    XpEntry,
)
from app.economy.ranks import RANK_TIERS
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
        """Insert the transfer and apply it to the stored wallet balances (system accounts
        keep none), in one statement, unless the idempotency key is taken: ``False`` means it
        was, and then nothing changed."""
        return await self.session.scalar(_ADD_TRANSFER, _row(transfer, _BOUND)) is not None

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


_BOUND = "v_"


def _binds(table: Table) -> dict[str, BindParameter[Any]]:
    """Named parameters for each column of an ``INSERT`` inside a statement that writes to
    other tables too: plain column names would be taken for those tables' columns."""
    return {column.key: bindparam(_BOUND + column.key) for column in table.columns}


_TRANSFERS = table_of(LedgerTransfer)
_ACCOUNTS = table_of(LedgerAccount)
_ADDED = (
    insert(_TRANSFERS)
    .values(_binds(_TRANSFERS))
    .on_conflict_do_nothing(index_elements=[_TRANSFERS.c.idempotency_key])
    .returning(*_TRANSFERS.c["id", "debit_account_id", "credit_account_id", "amount"])
    .cte("added")
)
_MOVED = (
    update(_ACCOUNTS)
    .where(
        _ACCOUNTS.c.id.in_([_ADDED.c.debit_account_id, _ADDED.c.credit_account_id]),
        _ACCOUNTS.c.balance.is_not(None),
    )
    .values(
        balance=_ACCOUNTS.c.balance
        + case(
            (_ACCOUNTS.c.id == _ADDED.c.debit_account_id, -_ADDED.c.amount), else_=_ADDED.c.amount
        )
    )
    .cte("moved")
)
_ADD_TRANSFER = select(_ADDED.c.id).add_cte(_MOVED)
"""The balances move only with a new transfer: a taken key leaves ``added`` empty. A wallet
going negative fails the whole statement on ``ck_ledger_accounts_balance_not_negative``."""


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

    async def active_for(self, activities: Collection[str]) -> dict[str, list[EconomyRule]]:
        """The active rules of each activity, by code."""
        rows = await self.session.scalars(_ACTIVE_RULES, {"activities": sorted(activities)})
        rules: dict[str, list[EconomyRule]] = {}
        for rule in rows.all():
            rules.setdefault(rule.activity, []).append(rule)
        return rules

    async def lock(self, code: str) -> EconomyRule | None:
        return await self.session.get(
            EconomyRule, code, with_for_update=True, populate_existing=True
        )


_ACTIVE_RULES = (
    select(EconomyRule)
    .where(any_of(EconomyRule.activity, "activities"), EconomyRule.active)
    .order_by(EconomyRule.code)
)
"""Rules are edited through the API (``updateEconomyRule``), so they are read every time."""


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
        return await self.session.scalar(_ADD_GRANT, _row(grant)) is not None


_GRANTS = table_of(RewardGrant)
_ADD_GRANT = insert(_GRANTS).on_conflict_do_nothing().returning(_GRANTS.c.id)


class ProgressRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_xp(self, entry: XpEntry) -> int | None:
        """Record the entry and add it to the user's total, in one statement; the new total,
        or ``None`` if the entry's idempotency key was used before (then nothing changes)."""
        total = await self.session.scalar(_ADD_XP, _row(entry, _BOUND))
        return None if total is None else int(total)

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


_ENTRIES = table_of(XpEntry)
_PROGRESS = table_of(UserProgress)
_ADDED_ENTRY = (
    insert(_ENTRIES)
    .values(_binds(_ENTRIES))
    .on_conflict_do_nothing(index_elements=[_ENTRIES.c.idempotency_key])
    .returning(_ENTRIES.c.user_id, _ENTRIES.c.amount, _ENTRIES.c.created_at)
    .cte("added_entry")
)
_TOTAL = insert(_PROGRESS).from_select(
    ["user_id", "xp", "updated_at"],
    select(_ADDED_ENTRY.c.user_id, _ADDED_ENTRY.c.amount, _ADDED_ENTRY.c.created_at),
)
_ADD_XP = _TOTAL.on_conflict_do_update(
    index_elements=[_PROGRESS.c.user_id],
    set_={"xp": _PROGRESS.c.xp + _TOTAL.excluded.xp, "updated_at": _TOTAL.excluded.updated_at},
).returning(_PROGRESS.c.xp)
"""The progress row changes only if the entry was new: a repeated key leaves the CTE empty."""

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
        """The rank level reached at each XP total (from this process's copy of the ranks)."""
        minimums = [tier.min_xp for tier in await RANK_TIERS.get(self.session)]
        return [max(bisect_right(minimums, xp), 1) for xp in xps]


def _row(record: Base, prefix: str = "") -> dict[str, Any]:
    """A record's column values, for an ``INSERT`` built once on its table."""
    return {prefix + c.key: getattr(record, c.key) for c in table_of(type(record)).columns}
