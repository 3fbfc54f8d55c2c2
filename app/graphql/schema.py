"""The schema: every domain's root types merged, with the shared extensions."""

from __future__ import annotations

import functools

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext as OperationContext

from app.achievements.schema import AchievementQuery
from app.ai.schema import AiMutation, AiQuery, AiSubscription
from app.challenges.schema import PersonalChallengeMutation, PersonalChallengeQuery
from app.chat.schema import ChatMutation, ChatQuery, ChatSubscription
from app.economy.schema import EconomyMutation, EconomyQuery
from app.feed.schema import FeedMutation, FeedQuery
from app.graphql.documents import DocumentPolicy, Documents
from app.graphql.errors import exception_handlers
from app.graphql.execution import ExecutionContext
from app.graphql.extensions import ErrorPolicy, OperationScope
from app.graphql.limits import QueryLimits
from app.graphql.timeout import OperationTimeout
from app.leaderboards.schema import LeaderboardQuery
from app.leagues.schema import LeagueMutation, LeagueQuery
from app.lobbies.schema import LobbyMutation, LobbyQuery
from app.matches.mutations.challenges import ChallengeMutation
from app.matches.mutations.play import PlayMutation
from app.matches.mutations.scoring import ScoringMutation
from app.matches.schema import MatchQuery, MatchSubscription
from app.moderation.schema import ModerationMutation, ModerationQuery
from app.notifications.mutations import NotificationMutation
from app.notifications.schema import NotificationQuery, NotificationSubscription
from app.observability.graphql import Telemetry
from app.playgrounds.mutations.conditions import PlaygroundConditionMutation
from app.playgrounds.mutations.proposals import PlaygroundProposalMutation
from app.playgrounds.mutations.visits import PlaygroundVisitMutation
from app.playgrounds.schema import PlaygroundQuery
from app.quests.schema import QuestMutation, QuestQuery
from app.search.schema import SearchMutation, SearchQuery
from app.sessions.schema import SessionMutation, SessionQuery
from app.settings import GraphQLSettings
from app.social.mutations.follows import FollowMutation
from app.social.mutations.friends import FriendMutation
from app.social.schema import SocialQuery
from app.sports.schema import SportQuery
from app.store.schema import StoreMutation, StoreQuery
from app.teams.mutations.applications import TeamApplicationMutation
from app.teams.mutations.invitations import TeamInvitationMutation
from app.teams.mutations.roster import RosterMutation
from app.teams.mutations.teams import TeamMutation
from app.teams.schema import TeamQuery
from app.tournaments.mutations.lifecycle import TournamentLifecycleMutation
from app.tournaments.mutations.registration import TournamentRegistrationMutation
from app.tournaments.mutations.staff import TournamentStaffMutation
from app.tournaments.schema import TournamentQuery, TournamentSubscription
from app.users.schema import UserMutation, UserQuery

Query = merge_types(
    "Query",
    (
        UserQuery,
        SessionQuery,
        SportQuery,
        TeamQuery,
        EconomyQuery,
        QuestQuery,
        AchievementQuery,
        StoreQuery,
        LeaderboardQuery,
        PlaygroundQuery,
        NotificationQuery,
        AiQuery,
        MatchQuery,
        TournamentQuery,
        ChatQuery,
        SearchQuery,
        SocialQuery,
        ModerationQuery,
        FeedQuery,
        LobbyQuery,
        PersonalChallengeQuery,
        LeagueQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        UserMutation,
        SessionMutation,
        TeamMutation,
        RosterMutation,
        TeamApplicationMutation,
        TeamInvitationMutation,
        EconomyMutation,
        QuestMutation,
        StoreMutation,
        PlaygroundProposalMutation,
        PlaygroundVisitMutation,
        PlaygroundConditionMutation,
        NotificationMutation,
        AiMutation,
        ChallengeMutation,
        PlayMutation,
        ScoringMutation,
        TournamentLifecycleMutation,
        TournamentRegistrationMutation,
        TournamentStaffMutation,
        ChatMutation,
        SearchMutation,
        FriendMutation,
        FollowMutation,
        ModerationMutation,
        FeedMutation,
        LobbyMutation,
        PersonalChallengeMutation,
        LeagueMutation,
    ),
)
Subscription = merge_types(
    "Subscription",
    (
        NotificationSubscription,
        AiSubscription,
        MatchSubscription,
        ChatSubscription,
        TournamentSubscription,
    ),
)


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: OperationContext | None = None
    ) -> None:
        """Log nothing here. A client's mistake (signed out, forbidden, a bad document) is an
        answer, not an incident, and ``ErrorPolicy`` already logs each unexpected error once,
        with the id its client receives. Strawberry's default logs every error, traceback
        included, at level error."""


def create_schema(settings: GraphQLSettings | None = None) -> strawberry.Schema:
    """``settings.introspection`` of ``None`` means off here; ``create_app`` resolves it.

    Building the schema takes about a second and the result holds no per-app state (the
    container reaches resolvers through the context), so it is built once per settings."""
    settings = settings or GraphQLSettings()
    return _schema_for(settings.model_dump_json())


@functools.cache
def _schema_for(settings_json: str) -> strawberry.Schema:
    settings = GraphQLSettings.model_validate_json(settings_json)
    policy = DocumentPolicy(
        QueryLimits.from_settings(settings),
        introspection=bool(settings.introspection),
        admin_introspection=settings.admin_introspection,
        safelist_only=settings.safelist_only,
        parser_cache_size=settings.parser_cache_size,
        validation_cache_size=settings.validation_cache_size,
    )
    timeout = settings.operation_timeout_s
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[
            Telemetry,
            OperationScope,
            ErrorPolicy,
            lambda: OperationTimeout(timeout),
            lambda: Documents(policy),
        ],
        config=StrawberryConfig(auto_camel_case=True),
        exception_handlers=exception_handlers(),
        execution_context_class=ExecutionContext,
    )
