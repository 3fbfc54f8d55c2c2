from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound
from app.graphql.fields import mutation
from app.graphql.ids import require_id, to_id
from app.graphql.permissions import authenticated
from app.ratelimit.types import RateLimited
from app.social import follows
from app.social.limits import FOLLOWS_PER_USER
from app.social.models import FollowTarget
from app.social.results import CannotFollowSelf, FollowPayload
from app.social.types import FollowPlaygroundInput, FollowTeamInput, FollowUserInput

FollowUserResult = Annotated[
    FollowPayload | NotFound | CannotFollowSelf | RateLimited,
    strawberry.union("FollowUserResult"),
]
FollowTeamResult = Annotated[
    FollowPayload | NotFound | RateLimited, strawberry.union("FollowTeamResult")
]
FollowPlaygroundResult = Annotated[
    FollowPayload | NotFound | RateLimited, strawberry.union("FollowPlaygroundResult")
]

UnfollowUserResult = Annotated[FollowPayload | NotFound, strawberry.union("UnfollowUserResult")]
UnfollowTeamResult = Annotated[FollowPayload | NotFound, strawberry.union("UnfollowTeamResult")]
UnfollowPlaygroundResult = Annotated[
    FollowPayload | NotFound, strawberry.union("UnfollowPlaygroundResult")
]


async def _follow(info: Info, target: FollowTarget, raw_id: str, *, on: bool) -> FollowPayload:
    context = info.context
    target_id = require_id(raw_id)
    change = follows.follow if on else follows.unfollow
    await change(context.session, context.actor(), target, target_id, now=context.now())
    return FollowPayload(target=target, target_id=to_id(target_id), following=on)


@strawberry.type
class FollowMutation:
    @mutation(
        permission_classes=authenticated(),
        rate_limits=[FOLLOWS_PER_USER],
        description="Подписаться на игрока (повторная подписка ничего не меняет).",
    )
    async def follow_user(self, info: Info, input: FollowUserInput) -> FollowUserResult:
        return await _follow(info, FollowTarget.USER, input.user_id, on=True)

    @mutation(
        permission_classes=authenticated(),
        rate_limits=[FOLLOWS_PER_USER],
        description="Подписаться на команду.",
    )
    async def follow_team(self, info: Info, input: FollowTeamInput) -> FollowTeamResult:
        return await _follow(info, FollowTarget.TEAM, input.team_id, on=True)

    @mutation(
        permission_classes=authenticated(),
        rate_limits=[FOLLOWS_PER_USER],
        description="Подписаться на площадку.",
    )
    async def follow_playground(
        self, info: Info, input: FollowPlaygroundInput
    ) -> FollowPlaygroundResult:
        return await _follow(info, FollowTarget.PLAYGROUND, input.playground_id, on=True)

    @mutation(permission_classes=authenticated(), description="Отписаться от игрока.")
    async def unfollow_user(self, info: Info, input: FollowUserInput) -> UnfollowUserResult:
        return await _follow(info, FollowTarget.USER, input.user_id, on=False)

    @mutation(permission_classes=authenticated(), description="Отписаться от команды.")
    async def unfollow_team(self, info: Info, input: FollowTeamInput) -> UnfollowTeamResult:
        return await _follow(info, FollowTarget.TEAM, input.team_id, on=False)

    @mutation(permission_classes=authenticated(), description="Отписаться от площадки.")
    async def unfollow_playground(
        self, info: Info, input: FollowPlaygroundInput
    ) -> UnfollowPlaygroundResult:
        return await _follow(info, FollowTarget.PLAYGROUND, input.playground_id, on=False)
