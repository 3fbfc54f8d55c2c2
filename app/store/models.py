"""The store's catalogue and what users bought (their entitlements)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk


class ItemType(StrEnum):
    COSMETIC = "COSMETIC"
    """Owned for good (frames, effects); bought once."""
    BOOSTER = "BOOSTER"
    """Multiplies earned XP and/or PD for ``duration_days``; buying again extends it."""
    PRO_STATUS = "PRO_STATUS"
    """PRO for ``duration_days``; buying again extends it."""
    NICKNAME_CHANGE = "NICKNAME_CHANGE"
    """Lifts the nickname cooldown once."""
    CONSUMABLE_PACK = "CONSUMABLE_PACK"
    """``quantity`` uses of something (AI generations), spent by the domain that offers them."""
    CURRENCY_PACK = "CURRENCY_PACK"
    """PD for real money: listed, never sold here."""


class StoreItem(Base):
    __tablename__ = "store_items"
    __table_args__ = (
        CheckConstraint(
            "(price_pd IS NULL) <> (money_price IS NULL) "
            "AND (money_price IS NULL) = (money_currency IS NULL)",
            name="one_price",
        ),
        CheckConstraint("price_pd IS NULL OR price_pd > 0", name="price_positive"),
        CheckConstraint("xp_multiplier >= 1 AND pd_multiplier >= 1", name="multipliers"),
        CheckConstraint(
            "(type IN ('BOOSTER', 'PRO_STATUS')) = (duration_days IS NOT NULL)", name="duration"
        ),
        CheckConstraint("(type = 'CONSUMABLE_PACK') = (quantity IS NOT NULL)", name="quantity"),
    )

    id: Mapped[UUIDPk]
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(40))
    """The store's section, as shown (``Бустеры``)."""
    type: Mapped[ItemType] = mapped_column(
        Enum(ItemType, name="store_item_type", native_enum=False, length=24)
    )
    price_pd: Mapped[int | None] = mapped_column(Integer)
    money_price: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    money_currency: Mapped[str | None] = mapped_column(String(3))
    duration_days: Mapped[int | None] = mapped_column(Integer)
    quantity: Mapped[int | None] = mapped_column(Integer)
    xp_multiplier: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    pd_multiplier: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    purchase_cooldown_days: Mapped[int | None] = mapped_column(Integer)
    """At most one purchase per this many days (the nickname change: 30)."""
    image_url: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    @property
    def for_sale(self) -> bool:
        return self.price_pd is not None


class Entitlement(Base):
    """One purchase and what it gives: for good, for a time, or a number of uses."""

    __tablename__ = "entitlements"
    __table_args__ = (
        UniqueConstraint("user_id", "idempotency_key"),
        Index("ix_entitlements_inventory", "user_id", "created_at", "id"),
        Index("ix_entitlements_item", "user_id", "item_id", "expires_at"),
    )

    id: Mapped[UUIDPk]
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("store_items.id"))
    idempotency_key: Mapped[str] = mapped_column(String(100))
    price_pd: Mapped[int] = mapped_column(Integer)
    transfer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ledger_transfers.id"))
    quantity: Mapped[int | None] = mapped_column(Integer)
    starts_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    created_at: Mapped[CreatedAt]
