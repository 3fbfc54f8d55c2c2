from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Generic, TypeVar, overload

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from app.auth.principal import Principal
from app.chat.loaders import (
    ChatTally,
    MemberKey,
    NumberKey,
    load_chat_members_by_chat_id,
    load_chat_messages_by_id,
    load_chat_messages_by_number,
    load_chat_tallies_by_member,
    load_chats_by_id,
)
from app.chat.models import Chat, ChatMember, ChatMessage
from app.container import Container
from app.economy.loaders import (
    RankPlacement,
    load_rank_placements_by_xp,
    load_xp_by_user_id,
)
from app.errors import DomainError
from app.feed.loaders import (
    LikeKey,
    load_comment_counts_by_activity_id,
    load_like_counts_by_activity_id,
    load_likes_by_activity_user,
)
from app.graphql.response_cache import Cacheability
from app.leagues.loaders import (
    load_league_divisions_by_season_id,
    load_league_seasons_by_league_id,
    load_league_standings_by_division_id,
    load_leagues_by_id,
)
from app.leagues.models import DivisionTeam, League, LeagueDivision, LeagueSeason
from app.lobbies.loaders import load_lobbies_by_id, load_lobby_participants_by_lobby_id
from app.lobbies.models import Lobby, LobbyParticipant
from app.matches.loaders import (
    load_judge_ids_by_tournament_id,
    load_lineups_by_match_id,
    load_match_events_by_id,
    load_matches_by_id,
    load_protocols_by_match_id,
    load_recent_matches_by_team_id,
    load_reports_by_match_id,
    load_upcoming_matches_by_team_id,
)
from app.matches.models import LineupPlayer, Match, MatchEvent, MatchReport
from app.notifications.loaders import load_notifications_by_id
from app.notifications.models import Notification
from app.playgrounds.loaders import (
    AuthorKey,
    load_conditions_by_playground_id,
    load_kings_by_playground_id,
    load_playgrounds_by_id,
    load_recent_reviews_by_playground_id,
    load_reviews_by_playground_author,
    load_sport_ids_by_playground_id,
)
from app.playgrounds.models import ConditionReport, CourtStanding, Playground, PlaygroundReview
from app.search.loaders import load_faq_items_by_id, load_rules_documents_by_id
from app.search.models import FaqItem, RulesDocument
from app.social.loaders import (
    FollowKey,
    FriendPair,
    load_follower_counts_by_target,
    load_following_counts_by_user_id,
    load_friend_counts_by_user_id,
    load_friendships_by_pair,
)
from app.sports.loaders import load_sports_by_id, load_subdisciplines_by_sport_id
from app.sports.models import Sport
from app.store.loaders import load_store_items_by_id
from app.store.models import StoreItem
from app.teams.loaders import (
    load_captains_by_team_id,
    load_home_playground_ids_by_team_id,
    load_member_counts_by_team_id,
    load_members_by_team_id,
    load_teams_by_id,
    load_teams_by_member_id,
)
from app.teams.models import Team, TeamMember
from app.tournaments.loaders import (
    load_tournament_announcements_by_tournament_id,
    load_tournament_entries_by_team_id,
    load_tournament_entries_by_tournament_id,
    load_tournament_slots_by_tournament_id,
    load_tournaments_by_id,
)
from app.tournaments.models import (
    Tournament,
    TournamentAnnouncement,
    TournamentEntry,
    TournamentMatch,
)
from app.users.loaders import load_users_by_id
from app.users.models import User


class NotAuthenticatedError(DomainError):
    code = "UNAUTHENTICATED"
    default_message = "Требуется вход в систему"


K = TypeVar("K")
V = TypeVar("V")
BatchLoad = Callable[[AsyncSession, Sequence[K]], Awaitable[Sequence[V]]]


class Lazy(Generic[K, V]):
    """A ``Loaders`` attribute: the operation's DataLoader over ``load``, made on first access
    and then kept in the instance's ``__dict__`` (a non-data descriptor steps aside)."""

    def __init__(self, load: BatchLoad[K, V]) -> None:
        self.load = load

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, loaders: None, owner: type) -> Lazy[K, V]: ...
    @overload
    def __get__(self, loaders: Loaders, owner: type) -> DataLoader[K, V]: ...
    def __get__(self, loaders: Loaders | None, owner: type) -> Lazy[K, V] | DataLoader[K, V]:
        if loaders is None:
            return self
        loader: DataLoader[K, V] = DataLoader(partial(self.load, loaders.session))
        loaders.__dict__[self.name] = loader
        return loader


class Loaders:
    """Fresh for every operation: a loader caches only within the operation that made it.

    Each loader is made on first use: an operation touches a few of these, and making all
    of them for every operation showed up in page profiles.
    """

    user_by_id: Lazy[uuid.UUID, User | None] = Lazy(load_users_by_id)
    sport_by_id: Lazy[uuid.UUID, Sport | None] = Lazy(load_sports_by_id)
    subdisciplines_by_sport_id: Lazy[uuid.UUID, list[Sport]] = Lazy(load_subdisciplines_by_sport_id)
    team_by_id: Lazy[uuid.UUID, Team | None] = Lazy(load_teams_by_id)
    members_by_team_id: Lazy[uuid.UUID, list[TeamMember]] = Lazy(load_members_by_team_id)
    teams_by_member_id: Lazy[uuid.UUID, list[Team]] = Lazy(load_teams_by_member_id)
    captain_by_team_id: Lazy[uuid.UUID, TeamMember | None] = Lazy(load_captains_by_team_id)
    member_count_by_team_id: Lazy[uuid.UUID, int] = Lazy(load_member_counts_by_team_id)
    xp_by_user_id: Lazy[uuid.UUID, int] = Lazy(load_xp_by_user_id)
    rank_placement_by_xp: Lazy[int, RankPlacement] = Lazy(load_rank_placements_by_xp)
    store_item_by_id: Lazy[uuid.UUID, StoreItem | None] = Lazy(load_store_items_by_id)
    chat_by_id: Lazy[uuid.UUID, Chat | None] = Lazy(load_chats_by_id)
    chat_members_by_chat_id: Lazy[uuid.UUID, list[ChatMember]] = Lazy(load_chat_members_by_chat_id)
    chat_tally_by_member: Lazy[MemberKey, ChatTally] = Lazy(load_chat_tallies_by_member)
    chat_message_by_id: Lazy[uuid.UUID, ChatMessage | None] = Lazy(load_chat_messages_by_id)
    chat_message_by_number: Lazy[NumberKey, ChatMessage | None] = Lazy(load_chat_messages_by_number)
    home_playground_ids_by_team_id: Lazy[uuid.UUID, list[uuid.UUID]] = Lazy(
        load_home_playground_ids_by_team_id
    )
    playground_by_id: Lazy[uuid.UUID, Playground | None] = Lazy(load_playgrounds_by_id)
    sport_ids_by_playground_id: Lazy[uuid.UUID, list[uuid.UUID]] = Lazy(
        load_sport_ids_by_playground_id
    )
    recent_reviews_by_playground_id: Lazy[uuid.UUID, list[PlaygroundReview]] = Lazy(
        load_recent_reviews_by_playground_id
    )
    review_by_playground_author: Lazy[AuthorKey, PlaygroundReview | None] = Lazy(
        load_reviews_by_playground_author
    )
    condition_by_playground_id: Lazy[uuid.UUID, ConditionReport | None] = Lazy(
        load_conditions_by_playground_id
    )
    king_by_playground_id: Lazy[uuid.UUID, CourtStanding | None] = Lazy(load_kings_by_playground_id)
    match_by_id: Lazy[uuid.UUID, Match | None] = Lazy(load_matches_by_id)
    lineups_by_match_id: Lazy[uuid.UUID, list[LineupPlayer]] = Lazy(load_lineups_by_match_id)
    reports_by_match_id: Lazy[uuid.UUID, list[MatchReport]] = Lazy(load_reports_by_match_id)
    protocol_by_match_id: Lazy[uuid.UUID, list[MatchEvent]] = Lazy(load_protocols_by_match_id)
    match_event_by_id: Lazy[uuid.UUID, MatchEvent | None] = Lazy(load_match_events_by_id)
    judge_ids_by_tournament_id: Lazy[uuid.UUID, list[uuid.UUID]] = Lazy(
        load_judge_ids_by_tournament_id
    )
    upcoming_matches_by_team_id: Lazy[uuid.UUID, list[Match]] = Lazy(
        load_upcoming_matches_by_team_id
    )
    recent_matches_by_team_id: Lazy[uuid.UUID, list[Match]] = Lazy(load_recent_matches_by_team_id)
    notification_by_id: Lazy[uuid.UUID, Notification | None] = Lazy(load_notifications_by_id)
    faq_item_by_id: Lazy[uuid.UUID, FaqItem | None] = Lazy(load_faq_items_by_id)
    rules_document_by_id: Lazy[uuid.UUID, RulesDocument | None] = Lazy(load_rules_documents_by_id)
    tournament_by_id: Lazy[uuid.UUID, Tournament | None] = Lazy(load_tournaments_by_id)
    entries_by_tournament_id: Lazy[uuid.UUID, list[TournamentEntry]] = Lazy(
        load_tournament_entries_by_tournament_id
    )
    entries_by_team_id: Lazy[uuid.UUID, list[TournamentEntry]] = Lazy(
        load_tournament_entries_by_team_id
    )
    slots_by_tournament_id: Lazy[uuid.UUID, list[TournamentMatch]] = Lazy(
        load_tournament_slots_by_tournament_id
    )
    announcements_by_tournament_id: Lazy[uuid.UUID, list[TournamentAnnouncement]] = Lazy(
        load_tournament_announcements_by_tournament_id
    )
    friendship_by_pair: Lazy[FriendPair, bool] = Lazy(load_friendships_by_pair)
    follower_count_by_target: Lazy[FollowKey, int] = Lazy(load_follower_counts_by_target)
    following_count_by_user_id: Lazy[uuid.UUID, int] = Lazy(load_following_counts_by_user_id)
    friend_count_by_user_id: Lazy[uuid.UUID, int] = Lazy(load_friend_counts_by_user_id)
    like_count_by_activity_id: Lazy[uuid.UUID, int] = Lazy(load_like_counts_by_activity_id)
    comment_count_by_activity_id: Lazy[uuid.UUID, int] = Lazy(load_comment_counts_by_activity_id)
    like_by_activity_user: Lazy[LikeKey, bool] = Lazy(load_likes_by_activity_user)
    lobby_by_id: Lazy[uuid.UUID, Lobby | None] = Lazy(load_lobbies_by_id)
    league_by_id: Lazy[uuid.UUID, League | None] = Lazy(load_leagues_by_id)
    league_seasons_by_league_id: Lazy[uuid.UUID, list[LeagueSeason]] = Lazy(
        load_league_seasons_by_league_id
    )
    league_divisions_by_season_id: Lazy[uuid.UUID, list[LeagueDivision]] = Lazy(
        load_league_divisions_by_season_id
    )
    league_standings_by_division_id: Lazy[uuid.UUID, list[DivisionTeam]] = Lazy(
        load_league_standings_by_division_id
    )
    lobby_participants_by_lobby_id: Lazy[uuid.UUID, list[LobbyParticipant]] = Lazy(
        load_lobby_participants_by_lobby_id
    )

    def __init__(self, session: AsyncSession) -> None:
        self.session = session


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | None
    container: Container
    principal: Principal | None
    connection_params: dict[str, object] | None = None
    session: AsyncSession = field(init=False)
    """Set per operation by ``OperationScope``; one transaction, committed at the edge."""
    loaders: Loaders = field(init=False)
    rate_limit_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    """Rate-limit checks of one request run one at a time, so aliases cannot drain the pool."""
    cacheability: Cacheability = field(default_factory=Cacheability)
    """Whether the response cache may share this request's answer (see ``cache_policy``)."""

    def actor(self) -> Principal:
        """The caller, for resolvers whose permission class already required one."""
        if self.principal is None:
            raise NotAuthenticatedError()
        return self.principal

    def now(self) -> datetime:
        return self.container.clock.now()


Info = StrawberryInfo[Context, None]
