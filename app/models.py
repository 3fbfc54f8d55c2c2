"""Every domain's models, imported so that mappers configure and Alembic sees all tables."""

from app.achievements.models import Achievement, UserAchievement
from app.economy.models import (
    EconomyRule,
    EscrowHold,
    LedgerAccount,
    LedgerTransfer,
    Rank,
    RewardGrant,
    UserProgress,
    XpEntry,
)
from app.events.models import ConsumerOffset, DeadLetter, OutboxEvent, ProcessedEvent
from app.gamification.models import CountedActivity
from app.operations.models import PersistedOperation
from app.quests.models import Quest, QuestProgress
from app.ratelimit.models import RateLimitBucket
from app.sessions.models import BrowserSession
from app.sports.models import Sport
from app.store.models import Entitlement, StoreItem
from app.teams.models import Team, TeamApplication, TeamInvitation, TeamMember
from app.users.models import User

__all__ = [
    "Achievement",
    "BrowserSession",
    "ConsumerOffset",
    "CountedActivity",
    "DeadLetter",
    "EconomyRule",
    "Entitlement",
    "EscrowHold",
    "LedgerAccount",
    "LedgerTransfer",
    "OutboxEvent",
    "PersistedOperation",
    "ProcessedEvent",
    "Quest",
    "QuestProgress",
    "Rank",
    "RateLimitBucket",
    "RewardGrant",
    "Sport",
    "StoreItem",
    "Team",
    "TeamApplication",
    "TeamInvitation",
    "TeamMember",
    "User",
    "UserAchievement",
    "UserProgress",
    "XpEntry",
]
