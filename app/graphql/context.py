from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from app.auth.principal import Principal
from app.chat.loaders import (
    MemberKey,
    NumberKey,
    load_chat_member_counts_by_chat_id,
    load_chat_members_by_chat_id,
    load_chat_messages_by_id,
    load_chat_messages_by_number,
    load_chat_unread_counts_by_member,
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
)
from app.teams.models import Team, TeamMember
from app.tournaments.loaders import (
    load_tournament_announcements_by_tournament_id,
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


@dataclass
class Loaders:
    """Fresh for every operation: a loader caches only within the operation that made it."""

    user_by_id: DataLoader[uuid.UUID, User | None]
    sport_by_id: DataLoader[uuid.UUID, Sport | None]
    subdisciplines_by_sport_id: DataLoader[uuid.UUID, list[Sport]]
    team_by_id: DataLoader[uuid.UUID, Team | None]
    members_by_team_id: DataLoader[uuid.UUID, list[TeamMember]]
    captain_by_team_id: DataLoader[uuid.UUID, TeamMember | None]
    member_count_by_team_id: DataLoader[uuid.UUID, int]
    xp_by_user_id: DataLoader[uuid.UUID, int]
    rank_placement_by_xp: DataLoader[int, RankPlacement]
    store_item_by_id: DataLoader[uuid.UUID, StoreItem | None]
    chat_by_id: DataLoader[uuid.UUID, Chat | None]
    chat_members_by_chat_id: DataLoader[uuid.UUID, list[ChatMember]]
    chat_member_count_by_chat_id: DataLoader[uuid.UUID, int]
    chat_unread_count_by_member: DataLoader[MemberKey, int]
    chat_message_by_id: DataLoader[uuid.UUID, ChatMessage | None]
    chat_message_by_number: DataLoader[NumberKey, ChatMessage | None]
    home_playground_ids_by_team_id: DataLoader[uuid.UUID, list[uuid.UUID]]
    playground_by_id: DataLoader[uuid.UUID, Playground | None]
    sport_ids_by_playground_id: DataLoader[uuid.UUID, list[uuid.UUID]]
    recent_reviews_by_playground_id: DataLoader[uuid.UUID, list[PlaygroundReview]]
    review_by_playground_author: DataLoader[AuthorKey, PlaygroundReview | None]
    condition_by_playground_id: DataLoader[uuid.UUID, ConditionReport | None]
    king_by_playground_id: DataLoader[uuid.UUID, CourtStanding | None]
    match_by_id: DataLoader[uuid.UUID, Match | None]
    lineups_by_match_id: DataLoader[uuid.UUID, list[LineupPlayer]]
    reports_by_match_id: DataLoader[uuid.UUID, list[MatchReport]]
    protocol_by_match_id: DataLoader[uuid.UUID, list[MatchEvent]]
    match_event_by_id: DataLoader[uuid.UUID, MatchEvent | None]
    judge_ids_by_tournament_id: DataLoader[uuid.UUID, list[uuid.UUID]]
    upcoming_matches_by_team_id: DataLoader[uuid.UUID, list[Match]]
    recent_matches_by_team_id: DataLoader[uuid.UUID, list[Match]]
    notification_by_id: DataLoader[uuid.UUID, Notification | None]
    faq_item_by_id: DataLoader[uuid.UUID, FaqItem | None]
    rules_document_by_id: DataLoader[uuid.UUID, RulesDocument | None]
    tournament_by_id: DataLoader[uuid.UUID, Tournament | None]
    entries_by_tournament_id: DataLoader[uuid.UUID, list[TournamentEntry]]
    slots_by_tournament_id: DataLoader[uuid.UUID, list[TournamentMatch]]
    announcements_by_tournament_id: DataLoader[uuid.UUID, list[TournamentAnnouncement]]
    friendship_by_pair: DataLoader[FriendPair, bool]
    follower_count_by_target: DataLoader[FollowKey, int]
    following_count_by_user_id: DataLoader[uuid.UUID, int]
    friend_count_by_user_id: DataLoader[uuid.UUID, int]
    like_count_by_activity_id: DataLoader[uuid.UUID, int]
    comment_count_by_activity_id: DataLoader[uuid.UUID, int]
    like_by_activity_user: DataLoader[LikeKey, bool]
    lobby_by_id: DataLoader[uuid.UUID, Lobby | None]
    league_by_id: DataLoader[uuid.UUID, League | None]
    league_seasons_by_league_id: DataLoader[uuid.UUID, list[LeagueSeason]]
    league_divisions_by_season_id: DataLoader[uuid.UUID, list[LeagueDivision]]
    league_standings_by_division_id: DataLoader[uuid.UUID, list[DivisionTeam]]
    lobby_participants_by_lobby_id: DataLoader[uuid.UUID, list[LobbyParticipant]]

    @classmethod
    def create(cls, session: AsyncSession) -> Loaders:
        return cls(
            user_by_id=DataLoader(partial(load_users_by_id, session)),
            sport_by_id=DataLoader(partial(load_sports_by_id, session)),
            subdisciplines_by_sport_id=DataLoader(
                partial(load_subdisciplines_by_sport_id, session)
            ),
            team_by_id=DataLoader(partial(load_teams_by_id, session)),
            members_by_team_id=DataLoader(partial(load_members_by_team_id, session)),
            captain_by_team_id=DataLoader(partial(load_captains_by_team_id, session)),
            member_count_by_team_id=DataLoader(partial(load_member_counts_by_team_id, session)),
            xp_by_user_id=DataLoader(partial(load_xp_by_user_id, session)),
            rank_placement_by_xp=DataLoader(partial(load_rank_placements_by_xp, session)),
            store_item_by_id=DataLoader(partial(load_store_items_by_id, session)),
            chat_by_id=DataLoader(partial(load_chats_by_id, session)),
            chat_members_by_chat_id=DataLoader(partial(load_chat_members_by_chat_id, session)),
            chat_member_count_by_chat_id=DataLoader(
                partial(load_chat_member_counts_by_chat_id, session)
            ),
            chat_unread_count_by_member=DataLoader(
                partial(load_chat_unread_counts_by_member, session)
            ),
            chat_message_by_id=DataLoader(partial(load_chat_messages_by_id, session)),
            chat_message_by_number=DataLoader(partial(load_chat_messages_by_number, session)),
            home_playground_ids_by_team_id=DataLoader(
                partial(load_home_playground_ids_by_team_id, session)
            ),
            playground_by_id=DataLoader(partial(load_playgrounds_by_id, session)),
            sport_ids_by_playground_id=DataLoader(
                partial(load_sport_ids_by_playground_id, session)
            ),
            recent_reviews_by_playground_id=DataLoader(
                partial(load_recent_reviews_by_playground_id, session)
            ),
            review_by_playground_author=DataLoader(
                partial(load_reviews_by_playground_author, session)
            ),
            condition_by_playground_id=DataLoader(
                partial(load_conditions_by_playground_id, session)
            ),
            king_by_playground_id=DataLoader(partial(load_kings_by_playground_id, session)),
            match_by_id=DataLoader(partial(load_matches_by_id, session)),
            lineups_by_match_id=DataLoader(partial(load_lineups_by_match_id, session)),
            reports_by_match_id=DataLoader(partial(load_reports_by_match_id, session)),
            protocol_by_match_id=DataLoader(partial(load_protocols_by_match_id, session)),
            match_event_by_id=DataLoader(partial(load_match_events_by_id, session)),
            judge_ids_by_tournament_id=DataLoader(
                partial(load_judge_ids_by_tournament_id, session)
            ),
            upcoming_matches_by_team_id=DataLoader(
                partial(load_upcoming_matches_by_team_id, session)
            ),
            recent_matches_by_team_id=DataLoader(partial(load_recent_matches_by_team_id, session)),
            notification_by_id=DataLoader(partial(load_notifications_by_id, session)),
            faq_item_by_id=DataLoader(partial(load_faq_items_by_id, session)),
            rules_document_by_id=DataLoader(partial(load_rules_documents_by_id, session)),
            tournament_by_id=DataLoader(partial(load_tournaments_by_id, session)),
            entries_by_tournament_id=DataLoader(
                partial(load_tournament_entries_by_tournament_id, session)
            ),
            slots_by_tournament_id=DataLoader(
                partial(load_tournament_slots_by_tournament_id, session)
            ),
            announcements_by_tournament_id=DataLoader(
                partial(load_tournament_announcements_by_tournament_id, session)
            ),
            friendship_by_pair=DataLoader(partial(load_friendships_by_pair, session)),
            follower_count_by_target=DataLoader(partial(load_follower_counts_by_target, session)),
            following_count_by_user_id=DataLoader(
                partial(load_following_counts_by_user_id, session)
            ),
            friend_count_by_user_id=DataLoader(partial(load_friend_counts_by_user_id, session)),
            like_count_by_activity_id=DataLoader(partial(load_like_counts_by_activity_id, session)),
            comment_count_by_activity_id=DataLoader(
                partial(load_comment_counts_by_activity_id, session)
            ),
            like_by_activity_user=DataLoader(partial(load_likes_by_activity_user, session)),
            lobby_by_id=DataLoader(partial(load_lobbies_by_id, session)),
            league_by_id=DataLoader(partial(load_leagues_by_id, session)),
            league_seasons_by_league_id=DataLoader(
                partial(load_league_seasons_by_league_id, session)
            ),
            league_divisions_by_season_id=DataLoader(
                partial(load_league_divisions_by_season_id, session)
            ),
            league_standings_by_division_id=DataLoader(
                partial(load_league_standings_by_division_id, session)
            ),
            lobby_participants_by_lobby_id=DataLoader(
                partial(load_lobby_participants_by_lobby_id, session)
            ),
        )


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

    def actor(self) -> Principal:
        """The caller, for resolvers whose permission class already required one."""
        if self.principal is None:
            raise NotAuthenticatedError()
        return self.principal

    def now(self) -> datetime:
        return self.container.clock.now()


Info = StrawberryInfo[Context, None]
