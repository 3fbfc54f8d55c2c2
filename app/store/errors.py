from __future__ import annotations

from app.errors import DomainError


class ItemNotForSaleError(DomainError):
    code = "ITEM_NOT_FOR_SALE"
    default_message = "Этот товар продаётся только за деньги, не за PD"


class ItemAlreadyOwnedError(DomainError):
    code = "ITEM_ALREADY_OWNED"
    default_message = "Этот предмет у вас уже есть"


class PurchaseLimitReachedError(DomainError):
    code = "PURCHASE_LIMIT_REACHED"
    default_message = "Этот товар можно покупать не чаще одного раза в установленный период"


class ItemNotNeededError(DomainError):
    code = "ITEM_NOT_NEEDED"
    default_message = "Сейчас этот товар вам не нужен"
