"""purchaseStoreItem: the price and the entitlement together, once per idempotency key."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.economy.models import LedgerTransfer, TransferKind
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.store.events import StoreItemPurchased
from app.store.models import Entitlement, ItemType
from app.users.models import User
from tests.economy.support import balance, check_ledger
from tests.factories import create_store_item, create_user, fund
from tests.fixtures.app import GQL, TestClock

PURCHASE = """
mutation($input: PurchaseStoreItemInput!) {
  purchaseStoreItem(input: $input) {
    __typename
    ... on PurchaseStoreItemPayload {
      balance
      entitlement { id pricePd quantity startsAt expiresAt active item { code } }
    }
    ... on InsufficientFunds { code balance required }
    ... on PurchaseLimitReached { code availableAt }
    ... on ValidationFailed { fields { path code } }
    ... on UserError { code message }
  }
}
"""
UPDATE_NICKNAME = """
mutation($nickname: String) {
  updateProfile(input: {nickname: $nickname}) { __typename }
}
"""


def buy(item_id: Any, key: str = "purchase-0001") -> dict[str, Any]:
    return {"input": {"itemId": str(item_id), "idempotencyKey": key}}


async def state(session: AsyncSession) -> tuple[Any, ...]:
    transfers = (await session.execute(select(LedgerTransfer.id, LedgerTransfer.amount))).all()
    entitlements = (await session.scalars(select(Entitlement.id))).all()
    events = (await session.scalars(select(OutboxEvent.type))).all()
    nicknames = (await session.execute(select(User.id, User.nickname_changed_at))).all()
    return sorted(map(str, transfers)), sorted(map(str, entitlements)), events, sorted(nicknames)


async def test_a_purchase_debits_and_grants_together(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=300)
    item = await create_store_item(session, code="frame-test", price_pd=250, name="Рамка")

    response = await gql(PURCHASE, buy(item.id), as_user=user)

    payload = response.data["purchaseStoreItem"]
    assert payload["__typename"] == "PurchaseStoreItemPayload"
    assert payload["balance"] == 50
    assert payload["entitlement"]["item"] == {"code": "frame-test"}
    assert (payload["entitlement"]["pricePd"], payload["entitlement"]["expiresAt"]) == (250, None)
    assert payload["entitlement"]["active"] is True
    assert await balance(session, user) == 50
    entitlement = await session.get(Entitlement, payload["entitlement"]["id"])
    assert entitlement is not None
    payment = await session.get(LedgerTransfer, entitlement.transfer_id)
    assert payment is not None
    assert (payment.kind, payment.amount, payment.description) == (
        TransferKind.PURCHASE,
        250,
        "Покупка: Рамка",
    )
    [event] = (
        await session.scalars(select(OutboxEvent).where(OutboxEvent.type == "store.item_purchased"))
    ).all()
    assert to_envelope(event).event() == StoreItemPurchased(
        user_id=user.id,
        entitlement_id=entitlement.id,
        item_id=item.id,
        code="frame-test",
        item_type="COSMETIC",
        price_pd=250,
    )
    await check_ledger(session)


async def test_repeating_the_key_returns_the_first_purchase(
    gql: GQL, session: AsyncSession
) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=100)
    item = await create_store_item(session, type=ItemType.CONSUMABLE_PACK, price_pd=60, quantity=5)
    first = await gql(PURCHASE, buy(item.id), as_user=user)
    before = await state(session)

    again = await gql(PURCHASE, buy(item.id), as_user=user)
    item.active = False
    await session.merge(item)
    withdrawn = await gql(PURCHASE, buy(item.id), as_user=user)
    new_key = await gql(PURCHASE, buy(item.id, "purchase-0002"), as_user=user)

    assert again.data == withdrawn.data == first.data
    assert new_key.data["purchaseStoreItem"]["code"] == "NOT_FOUND"
    assert await state(session) == before
    assert await balance(session, user) == 40


async def test_refusals_change_nothing(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=100)
    owned = await create_store_item(session, price_pd=10)
    await gql(PURCHASE, buy(owned.id, "owned-0001"), as_user=user)
    expensive = await create_store_item(session, price_pd=91)
    for_money = await create_store_item(
        session,
        type=ItemType.CURRENCY_PACK,
        price_pd=None,
        money_price=Decimal("4.99"),
        money_currency="USD",
    )
    withdrawn = await create_store_item(session, price_pd=1, active=False)
    before = await state(session)

    results = [
        (await gql(PURCHASE, variables, as_user=user)).data["purchaseStoreItem"]
        for variables in (
            buy(expensive.id),
            buy(for_money.id),
            buy(owned.id, "owned-0002"),
            buy(owned.id, "bad key!"),
            buy(expensive.id, "owned-0001"),
            buy(withdrawn.id),
            buy("not-an-id"),
        )
    ]

    assert [r.get("code") for r in results] == [
        "INSUFFICIENT_FUNDS",
        "ITEM_NOT_FOR_SALE",
        "ITEM_ALREADY_OWNED",
        "VALIDATION_FAILED",
        "IDEMPOTENCY_KEY_REUSED",
        "NOT_FOUND",
        "NOT_FOUND",
    ]
    assert (results[0]["balance"], results[0]["required"]) == (90, 91)
    assert results[3]["fields"] == [{"path": "idempotencyKey", "code": "INVALID_FORMAT"}]
    assert await state(session) == before


async def test_a_booster_bought_again_extends_the_running_one(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=800)
    booster = await create_store_item(
        session, type=ItemType.BOOSTER, price_pd=400, duration_days=3, xp_multiplier=2
    )
    start = clock.now()

    first = await gql(PURCHASE, buy(booster.id, "booster-0001"), as_user=user)
    clock.advance(timedelta(days=1))
    second = await gql(PURCHASE, buy(booster.id, "booster-0002"), as_user=user)

    first_end = (start + timedelta(days=3)).isoformat()
    assert first.data["purchaseStoreItem"]["entitlement"]["expiresAt"] == first_end
    extension = second.data["purchaseStoreItem"]["entitlement"]
    assert (extension["startsAt"], extension["expiresAt"], extension["active"]) == (
        first_end,
        (start + timedelta(days=6)).isoformat(),
        False,
    )


async def test_a_nickname_change_lifts_the_cooldown_once_a_month(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session, nickname="old-name")
    await fund(session, user=user, amount=500)
    item = await create_store_item(
        session, type=ItemType.NICKNAME_CHANGE, price_pd=150, purchase_cooldown_days=30
    )

    needless = await gql(PURCHASE, buy(item.id, "nickname-0001"), as_user=user)
    await gql(UPDATE_NICKNAME, {"nickname": "new-name"}, as_user=user)
    blocked = await gql(UPDATE_NICKNAME, {"nickname": "newer-name"}, as_user=user)
    bought = await gql(PURCHASE, buy(item.id, "nickname-0002"), as_user=user)
    changed = await gql(UPDATE_NICKNAME, {"nickname": "newer-name"}, as_user=user)
    clock.advance(timedelta(days=29))
    again = await gql(PURCHASE, buy(item.id, "nickname-0003"), as_user=user)

    assert needless.data["purchaseStoreItem"]["code"] == "ITEM_NOT_NEEDED"
    assert blocked.data["updateProfile"]["__typename"] == "NicknameCooldown"
    assert bought.data["purchaseStoreItem"]["__typename"] == "PurchaseStoreItemPayload"
    assert changed.data["updateProfile"]["__typename"] == "UpdateProfilePayload"
    assert again.data["purchaseStoreItem"] == {
        "__typename": "PurchaseLimitReached",
        "code": "PURCHASE_LIMIT_REACHED",
        "availableAt": (clock.now() + timedelta(days=1)).isoformat(),
        "message": "Этот товар можно покупать не чаще одного раза в установленный период",
    }
    assert await balance(session, user) == 350


async def test_a_bought_pro_status_gives_the_ai_pro_tier_until_it_expires(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    await fund(session, user=user, amount=500)
    item = await create_store_item(
        session, type=ItemType.PRO_STATUS, price_pd=500, duration_days=30
    )
    usage = "{ aiUsage { tier } }"

    before = await gql(usage, as_user=user)
    await gql(PURCHASE, buy(item.id), as_user=user)
    during = await gql(usage, as_user=user)
    clock.advance(timedelta(days=30, seconds=1))
    after = await gql(usage, as_user=user)

    tiers = [r.data["aiUsage"]["tier"] for r in (before, during, after)]
    assert tiers == ["FREE", "PRO", "FREE"]
