from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import parse_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated
from app.graphql.ratelimit import Throttle
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest
from app.ratelimit.types import RateLimited
from app.users import service
from app.users.limits import SEARCH_PER_IP, SEARCH_PER_USER, UPDATE_PROFILE_PER_USER
from app.users.types import (
    NicknameCooldown,
    NicknameTaken,
    UpdateProfileInput,
    UpdateProfilePayload,
    User,
)

UpdateProfileResult = Annotated[
    UpdateProfilePayload | ValidationFailed | NicknameTaken | NicknameCooldown | RateLimited,
    strawberry.union("UpdateProfileResult"),
]


@strawberry.type
class UserQuery:
    @strawberry.field(permission_classes=authenticated(), description="Текущий пользователь.")
    async def me(self, info: Info) -> User:
        user = await info.context.loaders.user_by_id.load(info.context.actor().user_id)
        if user is None:
            raise RuntimeError("authenticated principal without a user row")
        return User.from_model(user)

    @strawberry.field(permission_classes=authenticated())
    async def user(self, info: Info, id: strawberry.ID) -> User | None:
        user_id = parse_id(id)
        if user_id is None:
            return None
        user = await service.get_user(info.context.session, info.context.actor(), user_id)
        return User.from_model(user) if user else None

    @strawberry.field(
        permission_classes=authenticated(),
        extensions=[Throttle(SEARCH_PER_USER, SEARCH_PER_IP)],
        description="Поиск по имени и никнейму.",
    )
    async def users(
        self,
        info: Info,
        search: str | None = None,
        first: Annotated[
            int, strawberry.argument(description=FIRST_DESCRIPTION)
        ] = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[User]:
        page = await service.list_users(
            info.context.session,
            info.context.actor(),
            search=search,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, User.from_model)


@strawberry.type
class UserMutation:
    @mutation(
        permission_classes=authenticated(),
        rate_limits=[UPDATE_PROFILE_PER_USER],
        description="Изменить свой профиль.",
    )
    async def update_profile(self, info: Info, input: UpdateProfileInput) -> UpdateProfileResult:
        context = info.context
        user = await service.update_profile(
            context.session,
            context.actor(),
            input.to_changes(),
            now=context.now(),
            nickname_cooldown=timedelta(
                days=context.container.settings.users.nickname_cooldown_days
            ),
        )
        context.loaders.user_by_id.prime(user.id, user)
        return UpdateProfilePayload(user=User.from_model(user))
