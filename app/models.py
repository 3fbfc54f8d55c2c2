"""Every domain's models, imported so that mappers configure and Alembic sees all tables."""

from app.events.models import ConsumerOffset, DeadLetter, OutboxEvent, ProcessedEvent
from app.notifications.models import (
    Notification,
    NotificationDelivery,
    NotificationPreference,
    PushSubscription,
)
from app.operations.models import PersistedOperation
from app.ratelimit.models import RateLimitBucket
from app.sessions.models import BrowserSession
from app.sports.models import Sport
from app.teams.models import Team, TeamApplication, TeamInvitation, TeamMember
from app.users.models import User

__all__ = [
    "BrowserSession",
    "ConsumerOffset",
    "DeadLetter",
    "Notification",
    "NotificationDelivery",
    "NotificationPreference",
    "OutboxEvent",
    "PersistedOperation",
    "ProcessedEvent",
    "PushSubscription",
    "RateLimitBucket",
    "Sport",
    "Team",
    "TeamApplication",
    "TeamInvitation",
    "TeamMember",
    "User",
]
