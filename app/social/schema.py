from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.extend import extend_type
from app.graphql.ids import parse_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest
from app.playgrounds.types import Playground
from app.social import follows, friends
from app.social.fields import PlaygroundSocialFields, TeamSocialFields, UserSocialFields
from app.social.friends import Direction
from app.social.models import FollowTarget
from app.social.types import Follow, Follower, Friend, FriendRequest, FriendSuggestion
from app.teams.types import Team
from app.users.types import User

extend_type(User, UserSocialFields)
extend_type(Team, TeamSocialFields)
extend_type(Playground, PlaygroundSocialFields)

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]


@strawberry.type
class SocialQuery:
    @strawberry.field(permission_classes=authenticated(), description="Друзья игрока.")
    async def friends(
        self,
        info: Info,
        user_id: strawberry.ID,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Friend] | None:
        parsed = parse_id(user_id)
        if parsed is None:
            return None
        context = info.context
        page = await friends.friends_of(
            context.session, context.actor(), parsed, PageRequest(first=first, after=after)
        )
        if page is None:
            return None
        return Connection.from_page(page, lambda f: Friend(since=f.created_at, user_id=f.friend_id))

    @strawberry.field(permission_classes=authenticated(), description="Мои заявки в друзья.")
    async def friend_requests(
        self,
        info: Info,
        direction: Direction,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[FriendRequest]:
        context = info.context
        page = await friends.requests(
            context.session, context.actor(), direction, PageRequest(first=first, after=after)
        )
        return Connection.from_page(page, FriendRequest.from_model)

    @strawberry.field(
        permission_classes=authenticated(),
        description="Возможные знакомые: общие друзья, команды, город и виды спорта.",
    )
    async def friend_suggestions(self, info: Info) -> list[FriendSuggestion]:
        context = info.context
        found = await friends.suggestions(context.session, context.actor(), now=context.now())
        return [
            FriendSuggestion(user=User.from_model(s.user), mutual_friends=s.mutual_friends)
            for s in found
        ]

    @strawberry.field(permission_classes=authenticated(), description="Мои подписки.")
    async def following(
        self,
        info: Info,
        target: FollowTarget,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Follow]:
        context = info.context
        page = await follows.following(
            context.session, context.actor(), target, PageRequest(first=first, after=after)
        )
        return Connection.from_page(page, Follow.from_model)

    @strawberry.field(
        permission_classes=authenticated(), description="Подписчики игрока, команды или площадки."
    )
    async def followers(
        self,
        info: Info,
        target: FollowTarget,
        target_id: strawberry.ID,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Follower] | None:
        parsed = parse_id(target_id)
        if parsed is None:
            return None
        context = info.context
        request = PageRequest(first=first, after=after)
        page = await follows.followers(context.session, context.actor(), target, parsed, request)
        return Connection.from_page(page, Follower.from_model) if page else None
