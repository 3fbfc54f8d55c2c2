from __future__ import annotations

import uuid

from app.events import Event

TOPIC = "prodvor.store"


class StoreItemPurchased(Event):
    type = "store.item_purchased"
    topic = TOPIC

    user_id: uuid.UUID
    entitlement_id: uuid.UUID
    item_id: uuid.UUID
    code: str
    item_type: str
    price_pd: int

    @property
    def key(self) -> str:
        return str(self.user_id)
