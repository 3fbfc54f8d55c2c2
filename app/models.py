"""Every domain's models, imported so that mappers configure and Alembic sees all tables."""

from app.ai.models import AiCacheEntry, AiCall, AiQuota, AiUsageDay
from app.events.models import ConsumerOffset, DeadLetter, OutboxEvent, ProcessedEvent
from app.matches.models import (
    Challenge,
    LineupPlayer,
    Match,
    MatchEvent,
    MatchReport,
    PlayerMatchStats,
    SkillRating,
    SkillRatingChange,
)
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
from app.sessions.models import BrowserSession
from app.sports.models import Sport
from app.teams.models import (
    Team,
    TeamApplication,
    TeamHomePlayground,
    TeamInvitation,
    TeamMember,
    TeamResult,
)
from app.tournaments.models import (
    Tournament,
    TournamentAnnouncement,
    TournamentEntry,
    TournamentJudge,
    TournamentMatch,
)
from app.users.models import User

__all__ = [
    "AiCacheEntry",
    "AiCall",
    "AiQuota",
    "AiUsageDay",
    "BrowserSession",
    "Challenge",
    "ConditionReport",
    "ConsumerOffset",
    "CourtStanding",
    "CourtWin",
    "DeadLetter",
    "LineupPlayer",
    "Match",
    "MatchEvent",
    "MatchReport",
    "Notification",
    "NotificationDelivery",
    "NotificationPreference",
    "OutboxEvent",
    "PersistedOperation",
    "PlayerMatchStats",
    "Playground",
    "PlaygroundCheckIn",
    "PlaygroundReview",
    "PlaygroundSport",
    "PlaygroundVisitor",
    "ProcessedEvent",
    "PushSubscription",
    "RateLimitBucket",
    "SkillRating",
    "SkillRatingChange",
    "Sport",
    "Team",
    "TeamApplication",
    "TeamHomePlayground",
    "TeamInvitation",
    "TeamMember",
    "TeamResult",
    "Tournament",
    "TournamentAnnouncement",
    "TournamentEntry",
    "TournamentJudge",
    "TournamentMatch",
    "User",
]
