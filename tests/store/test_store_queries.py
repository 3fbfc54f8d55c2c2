"""storeItems and myInventory."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.auth.roles import Role
from app.store import service as store
from app.store.models import ItemType
from app.store.seed import seed_store
from app.users.models import User
from tests.factories import create_store_item, create_user, fund
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.statements import StatementCounter

ITEMS = """
query($category: String) {
  storeItems(category: $category) {
    code name category type pricePd moneyPrice moneyCurrency durationDays quantity xpMultiplier
  }
}
"""
INVENTORY = """
query($first: Int!, $after: String) {
  myInventory {
    proUntil xpMultiplier pdMultiplier
    items(first: $first, after: $after) {
      nodes { pricePd quantity expiresAt active item { code type } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""


async def buy(
    session: AsyncSession, user: User, item_id: object, key: str, clock: TestClock
) -> None:
    actor = Principal(user.id, user.subject, frozenset({Role.PLAYER}))
    await store.purchase(
        session, actor, item_id, key, now=clock.now(), nickname_cooldown=timedelta(days=30)
    )  # type: ignore[arg-type]


async def test_the_catalogue_lists_money_items_without_selling_them(
    gql: GQL, session: AsyncSession
) -> None:
    await seed_store(session)
    user = await create_user(session)

    everything = await gql(ITEMS, as_user=user)
    boosters = await gql(ITEMS, {"category": "Бустеры"}, as_user=user)

    items = {item["code"]: item for item in everything.data["storeItems"]}
    assert len(items) == 11
    assert items["pd-pack-500"] == {
        "code": "pd-pack-500",
        "name": "Набор PD (500)",
        "category": "Валюта",
        "type": "CURRENCY_PACK",
        "pricePd": None,
        "moneyPrice": "4.99",
        "moneyCurrency": "USD",
        "durationDays": None,
        "quantity": None,
        "xpMultiplier": 1,
    }
    assert (items["pro-month"]["pricePd"], items["pro-month"]["durationDays"]) == (500, 30)
    assert [(b["name"], b["xpMultiplier"]) for b in boosters.data["storeItems"]] == [
        ("Буст ранга (x2 на 7 дней)", 2),
        ("XP-бустер x2 на 3 дня", 2),
    ]


async def test_my_inventory(gql: GQL, session: AsyncSession, clock: TestClock) -> None:
    user, other = await create_user(session), await create_user(session)
    await fund(session, user=user, amount=2000)
    await fund(session, user=other, amount=2000)
    pro = await create_store_item(session, type=ItemType.PRO_STATUS, price_pd=500, duration_days=30)
    booster = await create_store_item(
        session, type=ItemType.BOOSTER, price_pd=300, duration_days=1, pd_multiplier=2
    )
    pack = await create_store_item(session, type=ItemType.CONSUMABLE_PACK, price_pd=300, quantity=5)
    await buy(session, user, booster.id, "inventory-0001", clock)
    clock.advance(timedelta(days=2))
    await buy(session, user, pro.id, "inventory-0002", clock)
    clock.advance(timedelta(seconds=1))
    await buy(session, user, pack.id, "inventory-0003", clock)
    await buy(session, other, pro.id, "inventory-0004", clock)

    first = await gql(INVENTORY, {"first": 2}, as_user=user)
    inventory = first.data["myInventory"]
    rest = await gql(
        INVENTORY, {"first": 2, "after": inventory["items"]["pageInfo"]["endCursor"]}, as_user=user
    )

    pro_until = (clock.now() - timedelta(seconds=1) + timedelta(days=30)).isoformat()
    assert (inventory["proUntil"], inventory["xpMultiplier"], inventory["pdMultiplier"]) == (
        pro_until,
        1,
        1,
    )
    assert [
        (n["item"]["type"], n["quantity"], n["active"]) for n in inventory["items"]["nodes"]
    ] == [
        ("CONSUMABLE_PACK", 5, True),
        ("PRO_STATUS", None, True),
    ]
    assert inventory["items"]["pageInfo"]["hasNextPage"] is True
    [expired] = rest.data["myInventory"]["items"]["nodes"]
    assert (expired["item"]["type"], expired["active"]) == ("BOOSTER", False)


async def test_the_inventory_runs_in_constant_statements(
    gql: GQL, session: AsyncSession, clock: TestClock, count_statements: StatementCounter
) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=10_000)
    items = [await create_store_item(session, price_pd=10) for _ in range(11)]
    await buy(session, user, items[0].id, "statement-0000", clock)
    await session.flush()
    with count_statements() as few:
        await gql(INVENTORY, {"first": 20}, as_user=user)
    for n, item in enumerate(items[1:], start=1):
        await buy(session, user, item.id, f"statement-{n:04}", clock)
    await session.flush()

    with count_statements() as many:
        response = await gql(INVENTORY, {"first": 20}, as_user=user)

    assert len(response.data["myInventory"]["items"]["nodes"]) == 11
    assert len(many) == len(few) == 4, str(many)
