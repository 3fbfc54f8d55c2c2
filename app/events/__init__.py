"""Domain events: versioned payloads written to the outbox in the changing transaction."""

from app.events.base import Event, EventRegistry, registry
from app.events.outbox import emit

__all__ = ["Event", "EventRegistry", "emit", "registry"]
