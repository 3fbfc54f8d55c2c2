"""Every domain's models, imported so that mappers configure and Alembic sees all tables."""

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
from app.users.models import User

__all__ = [
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
    "OutboxEvent",
    "PersistedOperation",
    "PlayerMatchStats",
    "Playground",
    "PlaygroundCheckIn",
    "PlaygroundReview",
    "PlaygroundSport",
    "PlaygroundVisitor",
    "ProcessedEvent",
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
    "User",
]
