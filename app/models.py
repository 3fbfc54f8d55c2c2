"""Every domain's models, imported so that mappers configure and Alembic sees all tables."""

from app.chat.models import Chat, ChatMember, ChatMessage
from app.events.models import ConsumerOffset, DeadLetter, OutboxEvent, ProcessedEvent
from app.operations.models import PersistedOperation
from app.ratelimit.models import RateLimitBucket
from app.sessions.models import BrowserSession
from app.sports.models import Sport
from app.teams.models import Team, TeamApplication, TeamInvitation, TeamMember
from app.users.models import User

__all__ = [
    "BrowserSession",
    "Chat",
    "ChatMember",
    "ChatMessage",
    "ConsumerOffset",
    "DeadLetter",
    "OutboxEvent",
    "PersistedOperation",
    "ProcessedEvent",
    "RateLimitBucket",
    "Sport",
    "Team",
    "TeamApplication",
    "TeamInvitation",
    "TeamMember",
    "User",
]
