"""Mutation payloads and the typed errors of the social graph's result unions."""

from __future__ import annotations

import strawberry

from app.graphql.errors import UserError, maps
from app.social.errors import (
    AlreadyFriendsError,
    CannotBefriendSelfError,
    CannotFollowSelfError,
    FriendRequestAlreadySentError,
    FriendRequestNotPendingError,
    NotFriendsError,
)
from app.social.models import FollowTarget
from app.social.types import FriendRequest


@strawberry.type
class SendFriendRequestPayload:
    request: FriendRequest = strawberry.field(
        description="Новая заявка; ACCEPTED, если этот игрок уже звал вас в друзья."
    )


@strawberry.type
class RespondToFriendRequestPayload:
    request: FriendRequest


@strawberry.type
class CancelFriendRequestPayload:
    request: FriendRequest


@strawberry.type
class RemoveFriendPayload:
    user_id: strawberry.ID


@strawberry.type(description="Состояние подписки после операции.")
class FollowPayload:
    target: FollowTarget
    target_id: strawberry.ID
    following: bool


@maps(CannotBefriendSelfError)
@strawberry.type
class CannotBefriendSelf(UserError):
    pass


@maps(AlreadyFriendsError)
@strawberry.type
class AlreadyFriends(UserError):
    pass


@maps(FriendRequestAlreadySentError)
@strawberry.type
class FriendRequestAlreadySent(UserError):
    pass


@maps(FriendRequestNotPendingError)
@strawberry.type
class FriendRequestNotPending(UserError):
    pass


@maps(NotFriendsError)
@strawberry.type
class NotFriends(UserError):
    pass


@maps(CannotFollowSelfError)
@strawberry.type
class CannotFollowSelf(UserError):
    pass
