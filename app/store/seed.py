"""The store's catalogue (inventory section 3.1): the backend's items and the later
frontend's boosters, cosmetics and packs. Refreshed by code on every ``prodvor seed``."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.store.models import ItemType
from app.store.repository import ItemRepository


@dataclass(frozen=True)
class ItemSeed:
    code: str
    name: str
    description: str
    category: str
    type: ItemType
    price_pd: int | None
    extra: dict[str, Any] = field(default_factory=dict)


CATALOGUE = (
    ItemSeed(
        "pro-month",
        "PRO Подписка (1 месяц)",
        "Расширенные возможности платформы на 30 дней",
        "Подписки",
        ItemType.PRO_STATUS,
        500,
        {"duration_days": 30},
    ),
    ItemSeed(
        "rank-boost-7d",
        "Буст ранга (x2 на 7 дней)",
        "Двойной опыт за всё на 7 дней",
        "Бустеры",
        ItemType.BOOSTER,
        350,
        {"duration_days": 7, "xp_multiplier": 2},
    ),
    ItemSeed(
        "xp-boost-3d",
        "XP-бустер x2 на 3 дня",
        "Двойной опыт за всё на 3 дня",
        "Бустеры",
        ItemType.BOOSTER,
        400,
        {"duration_days": 3, "xp_multiplier": 2},
    ),
    ItemSeed(
        "frame-flame",
        "Рамка аватара «Пламя»",
        "Огненная рамка вокруг аватара",
        "Кастомизация",
        ItemType.COSMETIC,
        250,
    ),
    ItemSeed(
        "frame-champion",
        "Золотая рамка «Чемпион»",
        "Золотая рамка вокруг аватара",
        "Кастомизация",
        ItemType.COSMETIC,
        500,
    ),
    ItemSeed(
        "frame-neon",
        "Рамка «Неоновый киберпанк»",
        "Неоновая рамка вокруг аватара",
        "Кастомизация",
        ItemType.COSMETIC,
        750,
    ),
    ItemSeed(
        "effect-burning-ball",
        "Эффект профиля «Горящий мяч»",
        "Анимированный эффект на странице профиля",
        "Кастомизация",
        ItemType.COSMETIC,
        1200,
    ),
    ItemSeed(
        "effect-legendary-glow",
        "Эффект профиля «Легендарное сияние»",
        "Анимированный эффект на странице профиля",
        "Кастомизация",
        ItemType.COSMETIC,
        1500,
    ),
    ItemSeed(
        "ai-logo-pack-5",
        "Пакет из 5 AI-генераций логотипа",
        "Пять генераций логотипа команды с помощью AI",
        "Для команды",
        ItemType.CONSUMABLE_PACK,
        300,
        {"quantity": 5},
    ),
    ItemSeed(
        "nickname-change",
        "Смена никнейма",
        "Сменить никнейм, не дожидаясь конца ограничения (не чаще раза в 30 дней)",
        "Услуги",
        ItemType.NICKNAME_CHANGE,
        150,
        {"purchase_cooldown_days": 30},
    ),
    ItemSeed(
        "pd-pack-500",
        "Набор PD (500)",
        "500 PD за деньги: покупается не здесь",
        "Валюта",
        ItemType.CURRENCY_PACK,
        None,
        {"money_price": Decimal("4.99"), "money_currency": "USD"},
    ),
)

NOT_EXTRA = {"duration_days": None, "quantity": None, "purchase_cooldown_days": None}


async def seed_store(session: AsyncSession) -> None:
    repo = ItemRepository(session)
    for order, item in enumerate(CATALOGUE):
        await repo.upsert(
            {
                "code": item.code,
                "name": item.name,
                "description": item.description,
                "category": item.category,
                "type": item.type,
                "price_pd": item.price_pd,
                "money_price": None,
                "money_currency": None,
                "xp_multiplier": 1,
                "pd_multiplier": 1,
                **NOT_EXTRA,
                **item.extra,
                "sort_order": order,
            }
        )
