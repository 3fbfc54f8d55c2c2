from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BindParameter, and_, bindparam, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.pagination import Page, PageRequest, SortKey, build_page, keyset
from app.store.models import Entitlement, ItemType, StoreItem


@dataclass(frozen=True, slots=True)
class Effects:
    pro_until: datetime | None
    xp_multiplier: int
    pd_multiplier: int


_AT: BindParameter[datetime] = bindparam("at")
_BOOSTER = and_(
    StoreItem.type == ItemType.BOOSTER, Entitlement.starts_at <= _AT, Entitlement.expires_at > _AT
)
_PRO = and_(StoreItem.type == ItemType.PRO_STATUS, Entitlement.expires_at > _AT)
_EFFECTS = (
    select(
        func.max(Entitlement.expires_at).filter(_PRO),
        func.coalesce(func.max(StoreItem.xp_multiplier).filter(_BOOSTER), 1),
        func.coalesce(func.max(StoreItem.pd_multiplier).filter(_BOOSTER), 1),
    )
    .select_from(Entitlement)
    .join(StoreItem, StoreItem.id == Entitlement.item_id)
    .where(Entitlement.user_id == bindparam("user_id"))
)
"""Built once: the workers read it for every reward."""

INVENTORY_ORDER = (
    SortKey(Entitlement.created_at, datetime, descending=True),
    SortKey(Entitlement.id, uuid.UUID, descending=True),
)


class ItemRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, values: dict[str, Any]) -> None:
        """Insert or refresh a catalogue entry by its code (for the seed)."""
        changes = {name: value for name, value in values.items() if name != "code"}
        await self.session.execute(
            insert(StoreItem)
            .values(values)
            .on_conflict_do_update(index_elements=[StoreItem.code], set_=changes)
        )

    async def get(self, item_id: uuid.UUID) -> StoreItem | None:
        return await self.session.get(StoreItem, item_id)

    async def get_many(self, ids: list[uuid.UUID]) -> list[StoreItem]:
        return list(
            (await self.session.scalars(select(StoreItem).where(StoreItem.id.in_(ids)))).all()
        )

    async def listed(self, category: str | None) -> list[StoreItem]:
        stmt = select(StoreItem).where(StoreItem.active)
        if category is not None:
            stmt = stmt.where(StoreItem.category == category)
        return list((await self.session.scalars(stmt.order_by(StoreItem.sort_order))).all())


class EntitlementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_key(self, user_id: uuid.UUID, key: str) -> Entitlement | None:
        stmt = select(Entitlement).where(
            Entitlement.user_id == user_id, Entitlement.idempotency_key == key
        )
        return await self.session.scalar(stmt)

    async def last_of(self, user_id: uuid.UUID, item_id: uuid.UUID) -> Entitlement | None:
        """The user's newest entitlement to the item (the one lasting longest, for boosters)."""
        stmt = (
            select(Entitlement)
            .where(Entitlement.user_id == user_id, Entitlement.item_id == item_id)
            .order_by(Entitlement.created_at.desc())
            .limit(1)
        )
        return await self.session.scalar(stmt)

    async def add(self, entitlement: Entitlement) -> Entitlement:
        self.session.add(entitlement)
        await self.session.flush()
        return entitlement

    async def effects(self, user_id: uuid.UUID, at: datetime) -> Effects:
        """What the user's entitlements do at ``at``, in one statement.

        Boosters do not compound: the strongest active one of each kind counts.
        """
        pro_until, xp, pd = (
            await self.session.execute(_EFFECTS, {"user_id": user_id, "at": at})
        ).one()
        return Effects(pro_until=pro_until, xp_multiplier=int(xp), pd_multiplier=int(pd))

    async def page(self, user_id: uuid.UUID, request: PageRequest) -> Page[Entitlement]:
        stmt = select(Entitlement).where(Entitlement.user_id == user_id)
        rows = (await self.session.scalars(keyset(stmt, INVENTORY_ORDER, request))).all()
        return build_page(rows, request, lambda row: (row.created_at, row.id))
