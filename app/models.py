"""Every domain's models, imported so that mappers configure and Alembic sees all tables."""

from app.events.models import ConsumerOffset, DeadLetter, OutboxEvent, ProcessedEvent
from app.operations.models import PersistedOperation
from app.ratelimit.models import RateLimitBucket
from app.users.models import User

__all__ = [
    "ConsumerOffset",
    "DeadLetter",
    "OutboxEvent",
    "PersistedOperation",
    "ProcessedEvent",
    "RateLimitBucket",
    "User",
]
