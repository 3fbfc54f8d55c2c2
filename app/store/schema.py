from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import strawberry

from app.economy.types import IdempotencyKeyReused, InsufficientFunds
from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import require_id
from app.graphql.permissions import authenticated
from app.ratelimit.types import RateLimited
from app.store import service
from app.store.limits import PURCHASE_PER_USER
from app.store.types import (
    Inventory,
    ItemAlreadyOwned,
    ItemNotForSale,
    ItemNotNeeded,
    PurchaseLimitReached,
    PurchaseStoreItemInput,
    PurchaseStoreItemPayload,
    StoreItem,
)

PurchaseStoreItemResult = Annotated[
    PurchaseStoreItemPayload
    | ValidationFailed
    | NotFound
    | InsufficientFunds
    | ItemNotForSale
    | ItemAlreadyOwned
    | PurchaseLimitReached
    | ItemNotNeeded
    | IdempotencyKeyReused
    | RateLimited,
    strawberry.union("PurchaseStoreItemResult"),
]


@strawberry.type
class StoreQuery:
    @strawberry.field(permission_classes=authenticated(), description="Товары магазина.")
    async def store_items(self, info: Info, category: str | None = None) -> list[StoreItem]:
        items = await service.list_items(info.context.session, category)
        return [StoreItem.from_model(item) for item in items]

    @strawberry.field(permission_classes=authenticated(), description="Мои покупки.")
    async def my_inventory(self, info: Info) -> Inventory:
        context = info.context
        inventory = await service.inventory(context.session, context.actor(), now=context.now())
        return Inventory.from_inventory(inventory)


@strawberry.type
class StoreMutation:
    @mutation(
        permission_classes=authenticated(),
        rate_limits=[PURCHASE_PER_USER],
        description="Купить товар за PD.",
    )
    async def purchase_store_item(
        self, info: Info, input: PurchaseStoreItemInput
    ) -> PurchaseStoreItemResult:
        context = info.context
        purchase = await service.purchase(
            context.session,
            context.actor(),
            require_id(input.item_id),
            input.idempotency_key,
            now=context.now(),
            nickname_cooldown=timedelta(
                days=context.container.settings.users.nickname_cooldown_days
            ),
        )
        return PurchaseStoreItemPayload.from_purchase(purchase)
