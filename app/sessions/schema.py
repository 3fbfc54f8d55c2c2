from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound
from app.graphql.fields import mutation
from app.graphql.ids import require_id, to_id
from app.graphql.permissions import authenticated
from app.sessions import service
from app.sessions.types import (
    BrowserSession,
    RevokeOtherSessionsPayload,
    RevokeSessionInput,
    RevokeSessionPayload,
)

RevokeSessionResult = Annotated[
    RevokeSessionPayload | NotFound, strawberry.union("RevokeSessionResult")
]


@strawberry.type
class SessionQuery:
    @strawberry.field(
        permission_classes=authenticated(),
        description="Мои входы через браузер, недавно активные первыми.",
    )
    async def my_sessions(self, info: Info) -> list[BrowserSession]:
        context = info.context
        actor = context.actor()
        rows = await service.list_sessions(
            context.session, actor, settings=context.container.settings.session, now=context.now()
        )
        return [BrowserSession.from_model(row, actor) for row in rows]


@strawberry.type
class SessionMutation:
    @mutation(
        permission_classes=authenticated(),
        description="Завершить свою сессию на другом устройстве (или на этом).",
    )
    async def revoke_session(self, info: Info, input: RevokeSessionInput) -> RevokeSessionResult:
        context = info.context
        row = await service.revoke_session(
            context.session, context.actor(), require_id(input.id), now=context.now()
        )
        return RevokeSessionPayload(session_id=to_id(row.id))

    @mutation(
        permission_classes=authenticated(),
        description="Завершить все свои сессии, кроме той, из которой сделан запрос.",
    )
    async def revoke_other_sessions(self, info: Info) -> RevokeOtherSessionsPayload:
        context = info.context
        ended = await service.revoke_other_sessions(
            context.session, context.actor(), now=context.now()
        )
        return RevokeOtherSessionsPayload(revoked_count=len(ended))
