"""The store: buying items for PD, what users own, and what their boosters multiply."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.entitlements import pro_status
from app.auth.principal import Principal
from app.economy import ledger
from app.economy.errors import IdempotencyKeyReusedError
from app.economy.models import LedgerAccount, SystemAccount, TransferKind
from app.economy.rewards import Multipliers
from app.errors import NotFoundError
from app.events import emit
from app.pagination import Page, PageRequest
from app.store.errors import (
    ItemAlreadyOwnedError,
    ItemNotForSaleError,
    ItemNotNeededError,
    PurchaseLimitReachedError,
)
from app.store.events import StoreItemPurchased
from app.store.models import Entitlement, ItemType, StoreItem
from app.store.repository import EntitlementRepository, ItemRepository
from app.users import service as users
from app.validation import Validator


@dataclass(frozen=True, slots=True)
class Purchase:
    entitlement: Entitlement
    balance: int


@dataclass(frozen=True, slots=True)
class Inventory:
    user_id: uuid.UUID
    pro_until: datetime | None
    multipliers: Multipliers


async def list_items(session: AsyncSession, category: str | None) -> list[StoreItem]:
    return await ItemRepository(session).listed((category or "").strip() or None)


async def purchase(
    session: AsyncSession,
    actor: Principal,
    item_id: uuid.UUID,
    key: str,
    *,
    now: datetime,
    nickname_cooldown: timedelta,
) -> Purchase:
    """Debit the price and grant the entitlement together, once per idempotency key.

    Repeating a key returns the first purchase (even of an item withdrawn since); the wallet
    lock orders concurrent attempts, so together they never spend more than the balance.
    """
    v = Validator()
    v.idempotency_key("idempotencyKey", key)
    v.raise_if_any()
    wallet = await ledger.lock_user_wallet(session, actor.user_id)
    earlier = await EntitlementRepository(session).by_key(actor.user_id, key)
    if earlier is not None:
        if earlier.item_id != item_id:
            raise IdempotencyKeyReusedError()
        return Purchase(earlier, wallet.balance or 0)
    item = await ItemRepository(session).get(item_id)
    if item is None or not item.active:
        raise NotFoundError("Товар не найден")
    if item.price_pd is None:
        raise ItemNotForSaleError()
    starts_at = await _check_allowed(session, actor.user_id, item, now, nickname_cooldown)
    entitlement = await _pay_and_grant(session, wallet, item, key, starts_at, now)
    event = StoreItemPurchased(
        user_id=actor.user_id,
        entitlement_id=entitlement.id,
        item_id=item.id,
        code=item.code,
        item_type=item.type.value,
        price_pd=item.price_pd,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return Purchase(entitlement, wallet.balance or 0)


async def _check_allowed(
    session: AsyncSession,
    user_id: uuid.UUID,
    item: StoreItem,
    now: datetime,
    nickname_cooldown: timedelta,
) -> datetime:
    """Refuse what the user may not buy now; returns when the entitlement starts."""
    last = await EntitlementRepository(session).last_of(user_id, item.id)
    if item.type is ItemType.COSMETIC and last is not None:
        raise ItemAlreadyOwnedError()
    if item.purchase_cooldown_days is not None and last is not None:
        available_at = last.created_at + timedelta(days=item.purchase_cooldown_days)
        if now < available_at:
            raise PurchaseLimitReachedError(available_at=available_at)
    if item.type is ItemType.NICKNAME_CHANGE and not await users.lift_nickname_cooldown(
        session, user_id, now=now, cooldown=nickname_cooldown
    ):
        raise ItemNotNeededError("Никнейм и так можно сменить")
    if last is not None and last.expires_at is not None and last.expires_at > now:
        return last.expires_at  # bought again while running: the new period follows on
    return now


async def _pay_and_grant(
    session: AsyncSession,
    wallet: LedgerAccount,
    item: StoreItem,
    key: str,
    starts_at: datetime,
    now: datetime,
) -> Entitlement:
    assert wallet.user_id is not None
    assert item.price_pd is not None
    payment = await ledger.transfer(
        session,
        wallet,
        ledger.system(SystemAccount.STORE),
        item.price_pd,
        kind=TransferKind.PURCHASE,
        key=f"purchase:{wallet.user_id}:{key}",
        description=f"Покупка: {item.name}",
        now=now,
        actor_id=wallet.user_id,
    )
    duration = timedelta(days=item.duration_days) if item.duration_days else None
    entitlement = Entitlement(
        id=uuid.uuid4(),
        user_id=wallet.user_id,
        item_id=item.id,
        idempotency_key=key,
        price_pd=item.price_pd,
        transfer_id=payment.id,
        quantity=item.quantity,
        starts_at=starts_at,
        expires_at=starts_at + duration if duration else None,
        created_at=now,
    )
    return await EntitlementRepository(session).add(entitlement)


async def multipliers(session: AsyncSession, user_id: uuid.UUID, *, at: datetime) -> Multipliers:
    """What the user's boosters active at ``at`` multiply earnings by."""
    effects = await EntitlementRepository(session).effects(user_id, at)
    return Multipliers(pd=effects.pd_multiplier, xp=effects.xp_multiplier)


async def has_active_pro(session: AsyncSession, user_id: uuid.UUID, *, now: datetime) -> bool:
    """The AI domain's PRO tier follows a PRO_STATUS entitlement that has not expired."""
    return (await EntitlementRepository(session).effects(user_id, now)).pro_until is not None


pro_status.use(has_active_pro)


async def inventory(session: AsyncSession, actor: Principal, *, now: datetime) -> Inventory:
    effects = await EntitlementRepository(session).effects(actor.user_id, now)
    return Inventory(
        user_id=actor.user_id,
        pro_until=effects.pro_until,
        multipliers=Multipliers(pd=effects.pd_multiplier, xp=effects.xp_multiplier),
    )


async def inventory_page(
    session: AsyncSession, user_id: uuid.UUID, page: PageRequest
) -> Page[Entitlement]:
    return await EntitlementRepository(session).page(user_id, page)
