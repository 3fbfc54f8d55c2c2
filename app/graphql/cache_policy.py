"""Which query documents a replica may answer from its response cache, and for whom.

Deny by default: a document is cacheable only when it is a single query whose every field is
listed here, and an answer is shared by the callers with the same roles. Every listed object
field gives the same answer to any caller; a test keeps resolvers that look at the caller out
of this table.

The root fields were checked by reading their services: ``team``, ``match``,
``ratingHistory``, ``playgroundsNear`` and ``playerLeaderboard`` take the viewer only to
require a signed-in caller. ``tournament`` hides drafts from everyone but their organizer and
staff, so its resolver marks any answer but a public tournament ``per_viewer`` (never kept:
a page that only one user can ask for again gains nothing from a shared cache).

Data on these pages changes only through events of the topics the cache listens to; the
topics in ``UNRELATED_TOPICS`` carry nothing any listed field shows (chat messages, typing,
notifications, sign-in sessions, the FAQ, the feed, lobbies, store purchases, quest,
achievement and challenge bookkeeping whose coins and XP travel as ``prodvor.economy``
events, and leagues, which link matches that announce themselves under ``prodvor.matches``).
Within the other topics, the event types in ``UNRELATED_EVENTS`` change nothing shown either:
coins and economy rules (wallets are never cached, XP is), friendships (followers are), and
reports and warnings (bans are).
"""

from __future__ import annotations

from collections.abc import Mapping

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    visit,
)
from graphql.language import DirectiveNode

SKIP = Visitor.BREAK


ROOT_FIELDS = frozenset(
    {"team", "match", "ratingHistory", "playgroundsNear", "playerLeaderboard", "sports"}
    | {"sport", "tournament"}
)

_CONNECTION = frozenset({"edges", "nodes", "pageInfo"})
_EDGE = frozenset({"cursor", "node"})

OBJECT_FIELDS: Mapping[str, frozenset[str]] = {
    "PageInfo": frozenset({"hasNextPage", "hasPreviousPage", "startCursor", "endCursor"}),
    "Sport": frozenset(
        {"id", "code", "name", "category", "icon", "rosterMin", "rosterMax", "teamsAllowed"}
        | {"parent", "subdisciplines"}
    ),
    "Rank": frozenset({"level", "title", "description", "min", "max"}),
    "User": frozenset(
        {"id", "displayName", "nickname", "avatarUrl", "bannerUrl", "city", "bio", "createdAt"}
        | {"xp", "rank", "nextRank", "favouriteSports"}
    ),
    "UserConnection": _CONNECTION,
    "UserEdge": _EDGE,
    "Team": frozenset(
        {"id", "slug", "name", "city", "motto", "description", "logoUrl", "rating"}
        | {"wins", "draws", "losses", "createdAt", "disbandedAt", "form", "sport", "captain"}
        | {"members", "memberCount", "homePlaygrounds", "upcomingMatches", "recentMatches"}
        | {"followersCount", "tournaments"}
    ),
    "TeamMember": frozenset({"role", "joinedAt", "user"}),
    "Match": frozenset(
        {"id", "status", "scheduledAt", "startedAt", "finishedAt", "confirmBy", "confirmedAt"}
        | {"resultKind", "technicalReason", "cancelledAt", "cancelReason", "tournamentId"}
        | {"score", "liveScore", "homeTeam", "awayTeam", "winner", "sport", "playground"}
        | {"lineups", "events", "judges"}
    ),
    "MatchScore": frozenset({"home", "away"}),
    "MatchLineup": frozenset({"team", "players"}),
    "MatchEvent": frozenset(
        {"id", "number", "type", "minute", "comment", "recordedAt", "team", "player"}
        | {"relatedPlayer"}
    ),
    "RatingChange": frozenset({"ordinal", "ordinalBefore", "mu", "sigma", "recordedAt", "match"}),
    "RatingChangeConnection": _CONNECTION,
    "RatingChangeEdge": _EDGE,
    "Playground": frozenset(
        {"id", "name", "address", "city", "latitude", "longitude", "type", "surface"}
        | {"photoUrls", "status", "rating", "reviewCount", "checkInCount", "createdAt"}
        | {"features", "sports", "kingOfTheCourt", "followersCount"}
    ),
    "KingOfTheCourt": frozenset({"wins", "team"}),
    "NearbyPlayground": frozenset({"distanceMeters", "playground"}),
    "NearbyPlaygroundConnection": _CONNECTION,
    "NearbyPlaygroundEdge": _EDGE,
    "Tournament": frozenset(
        {"id", "slug", "name", "city", "description", "rules", "prize", "status", "format"}
        | {"capacity", "registrationOpensAt", "registrationClosesAt", "startsAt", "entryFee"}
        | {"checkInRequired", "startedAt", "finishedAt", "cancelledAt", "cancelReason"}
        | {"createdAt", "requirements", "settings", "sport", "organizer", "champion"}
        | {"participants", "judges", "announcements", "bracket", "standings", "schedule"}
    ),
    "TournamentApplication": frozenset({"id", "status", "seed", "placement", "team", "tournament"}),
    "TournamentAnnouncement": frozenset({"id", "body", "createdAt", "author"}),
    "BracketRound": frozenset({"stage", "group", "number", "matches"}),
    "BracketMatch": frozenset(
        {"key", "stage", "round", "position", "group", "state", "home", "away", "winner"}
        | {"match"}
    ),
    "BracketSide": frozenset({"seed", "score", "bye", "source", "team"}),
    "StandingsTable": frozenset({"group", "rows"}),
    "StandingRow": frozenset(
        {"place", "played", "wins", "draws", "losses", "byes", "goalsFor", "goalsAgainst"}
        | {"points", "tieBreakers", "team"}
    ),
}

UNRELATED_TOPICS = frozenset(
    {
        "prodvor.chat",
        "prodvor.chat.typing",
        "prodvor.notifications",
        "prodvor.sessions",
        "prodvor.search",
        "prodvor.feed",
        "prodvor.quests",
        "prodvor.achievements",
        "prodvor.challenges",
        "prodvor.lobbies",
        "prodvor.store",
        "prodvor.leagues",
    }
)

UNRELATED_EVENTS = frozenset(
    {
        "economy.transfer_recorded",
        "economy.rule_updated",
        "social.friend_request_sent",
        "social.friend_request_accepted",
        "social.friend_request_declined",
        "social.friend_request_cancelled",
        "social.friend_removed",
        "moderation.user_reported",
        "moderation.report_resolved",
        "moderation.user_warned",
    }
)


def invalidates(topic: str, event_type: str) -> bool:
    """Whether an event of this topic and type can change an answer the cache keeps."""
    return topic not in UNRELATED_TOPICS and event_type not in UNRELATED_EVENTS


_CONDITIONAL_DIRECTIVES = frozenset({"include", "skip"})


def cacheable(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None) -> bool:
    """Whether a successful answer to ``document`` may be shared by callers with one role set."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1 or operations[0].operation is not OperationType.QUERY:
        return False
    operation = operations[0]
    named = operation.name.value if operation.name else None
    if operation_name is not None and named != operation_name:
        return False
    checker = _Checker(schema)
    visit(document, TypeInfoVisitor(checker.types, checker))
    return checker.cacheable


class _Checker(Visitor):
    def __init__(self, schema: GraphQLSchema) -> None:
        super().__init__()
        self.types = TypeInfo(schema)
        self.query_type = schema.query_type
        self.cacheable = True

    def enter_directive(self, node: DirectiveNode, *_: object) -> object:
        if node.name.value not in _CONDITIONAL_DIRECTIVES:
            return self._refuse()
        return None

    def enter_field(self, node: FieldNode, *_: object) -> object:
        name = node.name.value
        if name == "__typename":
            return None
        parent = self.types.get_parent_type()
        if parent is None:
            return self._refuse()
        allowed = ROOT_FIELDS if parent is self.query_type else OBJECT_FIELDS.get(parent.name, ())
        if name not in allowed:
            return self._refuse()
        return None

    def _refuse(self) -> object:
        self.cacheable = False
        return SKIP
