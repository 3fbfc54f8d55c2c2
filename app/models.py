"""Every domain's models, imported so that mappers configure and Alembic sees all tables."""

from app.achievements.models import (
    Achievement,
    UserAchievement,
)
from app.ai.models import (
    AiCacheEntry,
    AiCall,
    AiQuota,
    AiUsageDay,
)
from app.challenges.models import (
    PersonalChallenge,
)
from app.chat.models import (
    Chat,
    ChatMember,
    ChatMessage,
)
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
from app.events.models import (
    ConsumerOffset,
    DeadLetter,
    OutboxEvent,
    ProcessedEvent,
)
from app.feed.models import (
    Activity,
    ActivityComment,
    ActivityLike,
)
from app.gamification.models import (
    CountedActivity,
)
from app.leagues.models import (
    DivisionTeam,
    League,
    LeagueDivision,
    LeagueFixture,
    LeagueSeason,
)
from app.lobbies.models import (
    Lobby,
    LobbyParticipant,
)
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
from app.moderation.models import (
    ModerationLogEntry,
    UserReport,
)
from app.notifications.models import (
    Notification,
    NotificationDelivery,
    NotificationPreference,
    PushSubscription,
)
from app.operations.models import (
    PersistedOperation,
)
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
from app.quests.models import (
    Quest,
    QuestProgress,
)
from app.ratelimit.models import (
    RateLimitBucket,
)
from app.search.models import (
    FaqItem,
    RulesDocument,
    SearchDocument,
)
from app.sessions.models import (
    BrowserSession,
)
from app.social.models import (
    Follow,
    FriendRequest,
    Friendship,
)
from app.sports.models import (
    Sport,
)
from app.store.models import (
    Entitlement,
    StoreItem,
)
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
from app.users.models import (
    User,
)

__all__ = [
    "Achievement",
    "Activity",
    "ActivityComment",
    "ActivityLike",
    "AiCacheEntry",
    "AiCall",
    "AiQuota",
    "AiUsageDay",
    "BrowserSession",
    "Challenge",
    "Chat",
    "ChatMember",
    "ChatMessage",
    "ConditionReport",
    "ConsumerOffset",
    "CountedActivity",
    "CourtStanding",
    "CourtWin",
    "DeadLetter",
    "DivisionTeam",
    "EconomyRule",
    "Entitlement",
    "EscrowHold",
    "FaqItem",
    "Follow",
    "FriendRequest",
    "Friendship",
    "League",
    "LeagueDivision",
    "LeagueFixture",
    "LeagueSeason",
    "LedgerAccount",
    "LedgerTransfer",
    "LineupPlayer",
    "Lobby",
    "LobbyParticipant",
    "Match",
    "MatchEvent",
    "MatchReport",
    "ModerationLogEntry",
    "Notification",
    "NotificationDelivery",
    "NotificationPreference",
    "OutboxEvent",
    "PersistedOperation",
    "PersonalChallenge",
    "PlayerMatchStats",
    "Playground",
    "PlaygroundCheckIn",
    "PlaygroundReview",
    "PlaygroundSport",
    "PlaygroundVisitor",
    "ProcessedEvent",
    "PushSubscription",
    "Quest",
    "QuestProgress",
    "Rank",
    "RateLimitBucket",
    "RewardGrant",
    "RulesDocument",
    "SearchDocument",
    "SkillRating",
    "SkillRatingChange",
    "Sport",
    "StoreItem",
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
    "UserAchievement",
    "UserProgress",
    "UserReport",
    "XpEntry",
]
