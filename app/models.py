"""Every domain's models, imported so that mappers configure and Alembic sees all tables."""

from app.ai.models import AiCacheEntry, AiCall, AiQuota, AiUsageDay
from app.events.models import ConsumerOffset, DeadLetter, OutboxEvent, ProcessedEvent
from app.notifications.models import (
    Notification,
    NotificationDelivery,
    NotificationPreference,
    PushSubscription,
)
from app.operations.models import PersistedOperation
from app.playgrounds.models import (
    ConditionReport,
    CourtStanding,
    CourtWin,
    Playground,
    PlaygroundCheckIn,
    PlaygroundReview,
    PlaygroundSport,
    PlaygroundVisitor,
)
from app.ratelimit.models import RateLimitBucket
from app.search.models import FaqItem, RulesDocument, SearchDocument
from app.sessions.models import BrowserSession
from app.sports.models import Sport
from app.teams.models import (
    Team,
    TeamApplication,
    TeamHomePlayground,
    TeamInvitation,
    TeamMember,
)
from app.users.models import User

__all__ = [
    "AiCacheEntry",
    "AiCall",
    "AiQuota",
    "AiUsageDay",
    "BrowserSession",
    "ConditionReport",
    "ConsumerOffset",
    "CourtStanding",
    "CourtWin",
    "DeadLetter",
    "FaqItem",
    "Notification",
    "NotificationDelivery",
    "NotificationPreference",
    "OutboxEvent",
    "PersistedOperation",
    "Playground",
    "PlaygroundCheckIn",
    "PlaygroundReview",
    "PlaygroundSport",
    "PlaygroundVisitor",
    "ProcessedEvent",
    "PushSubscription",
    "RateLimitBucket",
    "RulesDocument",
    "SearchDocument",
    "Sport",
    "Team",
    "TeamApplication",
    "TeamHomePlayground",
    "TeamInvitation",
    "TeamMember",
    "User",
]
