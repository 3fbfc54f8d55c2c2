from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound
from app.graphql.fields import mutation
from app.graphql.ids import require_id, to_id
from app.graphql.permissions import authenticated
from app.ratelimit.types import RateLimited
from app.social import friends
from app.social.limits import FRIEND_REQUESTS_PER_USER
from app.social.results import (
    AlreadyFriends,
    CancelFriendRequestPayload,
    CannotBefriendSelf,
    FriendRequestAlreadySent,
    FriendRequestNotPending,
    NotFriends,
    RemoveFriendPayload,
    RespondToFriendRequestPayload,
    SendFriendRequestPayload,
)
from app.social.types import (
    CancelFriendRequestInput,
    FriendRequest,
    RemoveFriendInput,
    RespondToFriendRequestInput,
    SendFriendRequestInput,
)

SendFriendRequestResult = Annotated[
    SendFriendRequestPayload
    | NotFound
    | CannotBefriendSelf
    | AlreadyFriends
    | FriendRequestAlreadySent
    | RateLimited,
    strawberry.union("SendFriendRequestResult"),
]
RespondToFriendRequestResult = Annotated[
    RespondToFriendRequestPayload | NotFound | FriendRequestNotPending,
    strawberry.union("RespondToFriendRequestResult"),
]
CancelFriendRequestResult = Annotated[
    CancelFriendRequestPayload | NotFound | FriendRequestNotPending,
    strawberry.union("CancelFriendRequestResult"),
]
RemoveFriendResult = Annotated[
    RemoveFriendPayload | NotFriends, strawberry.union("RemoveFriendResult")
]


@strawberry.type
class FriendMutation:
    @mutation(
        permission_classes=authenticated(),
        rate_limits=[FRIEND_REQUESTS_PER_USER],
        description="Позвать игрока в друзья; встречная заявка принимается сразу.",
    )
    async def send_friend_request(
        self, info: Info, input: SendFriendRequestInput
    ) -> SendFriendRequestResult:
        context = info.context
        request = await friends.send_request(
            context.session, context.actor(), require_id(input.user_id), now=context.now()
        )
        return SendFriendRequestPayload(request=FriendRequest.from_model(request))

    @mutation(permission_classes=authenticated(), description="Принять или отклонить заявку.")
    async def respond_to_friend_request(
        self, info: Info, input: RespondToFriendRequestInput
    ) -> RespondToFriendRequestResult:
        context = info.context
        request = await friends.respond(
            context.session,
            context.actor(),
            require_id(input.request_id),
            input.decision,
            now=context.now(),
        )
        return RespondToFriendRequestPayload(request=FriendRequest.from_model(request))

    @mutation(permission_classes=authenticated(), description="Отозвать свою заявку в друзья.")
    async def cancel_friend_request(
        self, info: Info, input: CancelFriendRequestInput
    ) -> CancelFriendRequestResult:
        context = info.context
        request = await friends.cancel(
            context.session, context.actor(), require_id(input.request_id), now=context.now()
        )
        return CancelFriendRequestPayload(request=FriendRequest.from_model(request))

    @mutation(permission_classes=authenticated(), description="Удалить игрока из друзей.")
    async def remove_friend(self, info: Info, input: RemoveFriendInput) -> RemoveFriendResult:
        context = info.context
        user_id = require_id(input.user_id)
        await friends.remove_friend(context.session, context.actor(), user_id, now=context.now())
        return RemoveFriendPayload(user_id=to_id(user_id))
