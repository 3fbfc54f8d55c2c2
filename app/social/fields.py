"""Friend and follower counts on the ``User``, ``Team`` and ``Playground`` types."""

from __future__ import annotations

import strawberry

from app.graphql.context import Info
from app.playgrounds.types import Playground
from app.social.models import FollowTarget
from app.teams.types import Team
from app.users.types import User


async def _friends_count(root: User, info: Info) -> int:
    return await info.context.loaders.friend_count_by_user_id.load(root.model.id)


async def _user_followers(root: User, info: Info) -> int:
    key = (FollowTarget.USER, root.model.id)
    return await info.context.loaders.follower_count_by_target.load(key)


async def _following(root: User, info: Info) -> int:
    return await info.context.loaders.following_count_by_user_id.load(root.model.id)


async def _team_followers(root: Team, info: Info) -> int:
    key = (FollowTarget.TEAM, root.model.id)
    return await info.context.loaders.follower_count_by_target.load(key)


async def _playground_followers(root: Playground, info: Info) -> int:
    key = (FollowTarget.PLAYGROUND, root.model.id)
    return await info.context.loaders.follower_count_by_target.load(key)


@strawberry.type
class UserSocialFields:
    friends_count: int = strawberry.field(resolver=_friends_count, description="Число друзей.")
    followers_count: int = strawberry.field(
        resolver=_user_followers, description="Число подписчиков."
    )
    following_count: int = strawberry.field(
        resolver=_following, description="На сколько игроков, команд и площадок подписан."
    )


@strawberry.type
class TeamSocialFields:
    followers_count: int = strawberry.field(
        resolver=_team_followers, description="Число подписчиков."
    )


@strawberry.type
class PlaygroundSocialFields:
    followers_count: int = strawberry.field(
        resolver=_playground_followers, description="Число подписчиков."
    )
