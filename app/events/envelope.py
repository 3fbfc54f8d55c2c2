from __future__ import annotations

import uuid
from datetime import datetime
from functools import cached_property
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict

from app.db import utcnow
from app.events.base import Event, registry


class Envelope(BaseModel):
    """What travels: the payload plus the metadata every consumer needs.

    ``id`` is the idempotency key: consumers record it and ignore a second delivery.
    """

    model_config = ConfigDict(frozen=True)

    id: uuid.UUID
    type: str
    version: int
    topic: str
    key: str
    occurred_at: datetime
    actor_id: uuid.UUID | None
    payload: dict[str, Any]
    headers: dict[str, str] = {}

    @classmethod
    def wrap(
        cls, event: Event, *, actor_id: uuid.UUID | None, occurred_at: datetime | None = None
    ) -> Envelope:
        return cls(
            id=uuid.uuid4(),
            type=event.type,
            version=event.version,
            topic=event.topic,
            key=event.key,
            occurred_at=occurred_at or utcnow(),
            actor_id=actor_id,
            payload=event.model_dump(mode="json"),
        )

    def event(self) -> Event:
        return self._event

    @cached_property
    def _event(self) -> Event:
        """Decoded once: the hub and every subscriber of a replica look at the same envelope."""
        return registry.resolve(self.type, self.version).model_validate(self.payload)

    def to_bytes(self) -> bytes:
        return orjson.dumps(self.model_dump(mode="json"))

    @classmethod
    def from_bytes(cls, data: bytes) -> Envelope:
        return cls.model_validate(orjson.loads(data))
