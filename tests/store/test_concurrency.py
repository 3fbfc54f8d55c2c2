"""A hundred simultaneous purchases that together cost more than the wallet holds."""

from __future__ import annotations

import asyncio
from collections import Counter

from sqlalchemy import func, select

from app.db import Database
from app.store.models import Entitlement, ItemType
from tests.economy.support import balance, check_ledger
from tests.factories import create_store_item, create_user, fund
from tests.fixtures.racing import Racer

PURCHASE = """
mutation($input: PurchaseStoreItemInput!) { purchaseStoreItem(input: $input) { __typename } }
"""


async def test_purchases_never_take_a_wallet_below_zero(
    committed_database: Database, racer: Racer
) -> None:
    async with committed_database.transaction() as session:
        user = await create_user(session)
        await fund(session, user=user, amount=1000)
        item = await create_store_item(
            session, type=ItemType.CONSUMABLE_PACK, price_pd=30, quantity=1
        )

    results = await asyncio.gather(
        *(
            racer(
                PURCHASE,
                {"input": {"itemId": str(item.id), "idempotencyKey": f"purchase-{n:04}"}},
                user,
            )
            for n in range(100)
        )
    )

    assert Counter(r["__typename"] for r in results) == {
        "PurchaseStoreItemPayload": 33,
        "InsufficientFunds": 67,
    }
    async with committed_database.transaction() as session:
        assert await balance(session, user) == 10
        assert await session.scalar(select(func.count()).select_from(Entitlement)) == 33
        await check_ledger(session)


async def test_one_key_sent_many_times_at_once_buys_once(
    committed_database: Database, racer: Racer
) -> None:
    async with committed_database.transaction() as session:
        user = await create_user(session)
        await fund(session, user=user, amount=100)
        item = await create_store_item(session, price_pd=30)
    variables = {"input": {"itemId": str(item.id), "idempotencyKey": "one-purchase"}}

    results = await asyncio.gather(*(racer(PURCHASE, variables, user) for _ in range(20)))

    assert {r["__typename"] for r in results} == {"PurchaseStoreItemPayload"}
    async with committed_database.transaction() as session:
        assert await balance(session, user) == 70
        assert await session.scalar(select(func.count()).select_from(Entitlement)) == 1
        await check_ledger(session)
