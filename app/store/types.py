from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import UserError, maps
from app.graphql.ids import to_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest
from app.store import models, service
from app.store.errors import (
    ItemAlreadyOwnedError,
    ItemNotForSaleError,
    ItemNotNeededError,
    PurchaseLimitReachedError,
)
from app.store.models import ItemType

strawberry.enum(ItemType, name="StoreItemType", description="Что даёт товар.")

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]


@strawberry.type(description="Товар магазина.")
class StoreItem:
    id: strawberry.ID
    code: str
    name: str
    description: str
    category: str
    type: ItemType
    price_pd: int | None = strawberry.field(description="Цена в PD; null у товаров за деньги.")
    money_price: Decimal | None = strawberry.field(
        description="Цена в деньгах: такие товары здесь только показываются."
    )
    money_currency: str | None
    duration_days: int | None
    quantity: int | None
    xp_multiplier: int
    pd_multiplier: int
    image_url: str | None

    @classmethod
    def from_model(cls, item: models.StoreItem) -> StoreItem:
        return cls(
            id=to_id(item.id),
            code=item.code,
            name=item.name,
            description=item.description,
            category=item.category,
            type=item.type,
            price_pd=item.price_pd,
            money_price=item.money_price,
            money_currency=item.money_currency,
            duration_days=item.duration_days,
            quantity=item.quantity,
            xp_multiplier=item.xp_multiplier,
            pd_multiplier=item.pd_multiplier,
            image_url=item.image_url,
        )


@strawberry.type(description="Купленный предмет.")
class InventoryItem:
    id: strawberry.ID
    price_pd: int
    quantity: int | None
    starts_at: datetime
    expires_at: datetime | None
    acquired_at: datetime
    model: strawberry.Private[models.Entitlement]

    @classmethod
    def from_model(cls, entitlement: models.Entitlement) -> InventoryItem:
        return cls(
            id=to_id(entitlement.id),
            price_pd=entitlement.price_pd,
            quantity=entitlement.quantity,
            starts_at=entitlement.starts_at,
            expires_at=entitlement.expires_at,
            acquired_at=entitlement.created_at,
            model=entitlement,
        )

    @strawberry.field
    async def item(self, info: Info) -> StoreItem:
        item = await info.context.loaders.store_item_by_id.load(self.model.item_id)
        if item is None:
            raise RuntimeError(f"entitlement {self.model.id} without its item")
        return StoreItem.from_model(item)

    @strawberry.field(description="Действует сейчас (для бустеров и PRO — ещё не истёк).")
    def active(self, info: Info) -> bool:
        now = info.context.now()
        return self.starts_at <= now and (self.expires_at is None or now < self.expires_at)


@strawberry.type(description="Мои покупки и их действие.")
class Inventory:
    pro_until: datetime | None = strawberry.field(description="PRO действует до; null — нет PRO.")
    xp_multiplier: int = strawberry.field(description="Множитель опыта активных бустеров.")
    pd_multiplier: int = strawberry.field(description="Множитель PD активных бустеров.")
    inventory: strawberry.Private[service.Inventory]

    @classmethod
    def from_inventory(cls, inventory: service.Inventory) -> Inventory:
        return cls(
            pro_until=inventory.pro_until,
            xp_multiplier=inventory.multipliers.xp,
            pd_multiplier=inventory.multipliers.pd,
            inventory=inventory,
        )

    @strawberry.field(description="Покупки, новые первыми.")
    async def items(
        self, info: Info, first: First = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[InventoryItem]:
        page = await service.inventory_page(
            info.context.session, self.inventory.user_id, PageRequest(first=first, after=after)
        )
        return Connection.from_page(page, InventoryItem.from_model)


@strawberry.input
class PurchaseStoreItemInput:
    item_id: strawberry.ID
    idempotency_key: str = strawberry.field(
        description="Выбирается клиентом; повтор с тем же ключом вернёт первую покупку."
    )


@strawberry.type
class PurchaseStoreItemPayload:
    entitlement: InventoryItem
    balance: int

    @classmethod
    def from_purchase(cls, purchase: service.Purchase) -> PurchaseStoreItemPayload:
        return cls(
            entitlement=InventoryItem.from_model(purchase.entitlement), balance=purchase.balance
        )


@maps(ItemNotForSaleError)
@strawberry.type
class ItemNotForSale(UserError):
    pass


@maps(ItemAlreadyOwnedError)
@strawberry.type
class ItemAlreadyOwned(UserError):
    pass


@maps(PurchaseLimitReachedError)
@strawberry.type
class PurchaseLimitReached(UserError):
    available_at: datetime


@maps(ItemNotNeededError)
@strawberry.type
class ItemNotNeeded(UserError):
    pass
