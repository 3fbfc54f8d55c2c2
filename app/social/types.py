from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from app.graphql.context import Info
from app.graphql.ids import to_id
from app.playgrounds.types import Playground
from app.social import models
from app.social.friends import Decision, Direction
from app.social.models import FollowTarget, FriendRequestStatus
from app.teams.types import Team
from app.users.types import User

strawberry.enum(FriendRequestStatus, name="FriendRequestStatus")
strawberry.enum(FollowTarget, name="FollowTarget", description="На что подписываются.")
strawberry.enum(Decision, name="FriendRequestDecision")
strawberry.enum(Direction, name="FriendRequestDirection")


async def user_of(info: Info, user_id: uuid.UUID) -> User:
    user = await info.context.loaders.user_by_id.load(user_id)
    if user is None:
        raise RuntimeError(f"dangling user reference {user_id}")
    return User.from_model(user)


@strawberry.type(description="Заявка в друзья.")
class FriendRequest:
    id: strawberry.ID
    status: FriendRequestStatus
    created_at: datetime
    decided_at: datetime | None
    model: strawberry.Private[models.FriendRequest]

    @classmethod
    def from_model(cls, request: models.FriendRequest) -> FriendRequest:
        return cls(
            id=to_id(request.id),
            status=request.status,
            created_at=request.created_at,
            decided_at=request.decided_at,
            model=request,
        )

    @strawberry.field(name="from", description="Кто отправил заявку.")
    async def sender(self, info: Info) -> User:
        return await user_of(info, self.model.from_user_id)

    @strawberry.field(name="to", description="Кому отправлена заявка.")
    async def recipient(self, info: Info) -> User:
        return await user_of(info, self.model.to_user_id)


@strawberry.type(description="Друг и дата начала дружбы.")
class Friend:
    since: datetime
    user_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def user(self, info: Info) -> User:
        return await user_of(info, self.user_id)


@strawberry.type(description="Возможный знакомый.")
class FriendSuggestion:
    user: User
    mutual_friends: int = strawberry.field(description="Число общих друзей.")


@strawberry.type(description="Подписка на игрока, команду или площадку.")
class Follow:
    target: FollowTarget
    target_id: strawberry.ID
    created_at: datetime

    @strawberry.field
    async def user(self, info: Info) -> User | None:
        if self.target is not FollowTarget.USER:
            return None
        found = await info.context.loaders.user_by_id.load(uuid.UUID(self.target_id))
        return User.from_model(found) if found else None

    @strawberry.field
    async def team(self, info: Info) -> Team | None:
        if self.target is not FollowTarget.TEAM:
            return None
        found = await info.context.loaders.team_by_id.load(uuid.UUID(self.target_id))
        return Team.from_model(found) if found else None

    @strawberry.field
    async def playground(self, info: Info) -> Playground | None:
        if self.target is not FollowTarget.PLAYGROUND:
            return None
        found = await info.context.loaders.playground_by_id.load(uuid.UUID(self.target_id))
        return Playground.from_model(found) if found else None

    @classmethod
    def from_model(cls, follow: models.Follow) -> Follow:
        return cls(
            target=follow.target, target_id=to_id(follow.target_id), created_at=follow.created_at
        )


@strawberry.type(description="Подписчик.")
class Follower:
    since: datetime
    user_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def user(self, info: Info) -> User:
        return await user_of(info, self.user_id)

    @classmethod
    def from_model(cls, follow: models.Follow) -> Follower:
        return cls(since=follow.created_at, user_id=follow.follower_id)


@strawberry.input
class SendFriendRequestInput:
    user_id: strawberry.ID


@strawberry.input
class RespondToFriendRequestInput:
    request_id: strawberry.ID
    decision: Decision


@strawberry.input
class CancelFriendRequestInput:
    request_id: strawberry.ID


@strawberry.input
class RemoveFriendInput:
    user_id: strawberry.ID


@strawberry.input
class FollowUserInput:
    user_id: strawberry.ID


@strawberry.input
class FollowTeamInput:
    team_id: strawberry.ID


@strawberry.input
class FollowPlaygroundInput:
    playground_id: strawberry.ID
