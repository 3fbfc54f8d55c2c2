from __future__ import annotations

from datetime import datetime

import strawberry

from app.auth.principal import Principal
from app.graphql.ids import to_id
from app.sessions import models
from app.sessions.device import describe_device


@strawberry.type(description="Вход через браузер: устройство, адрес и время активности.")
class BrowserSession:
    id: strawberry.ID
    device: str = strawberry.field(description="Браузер и система, например «Chrome, Windows».")
    user_agent: str | None
    ip_address: str | None = strawberry.field(description="Адрес последнего запроса.")
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime = strawberry.field(
        description="Когда сессия закончится в любом случае, даже при активности."
    )
    current: bool = strawberry.field(description="Запрос пришёл из этой сессии.")

    @classmethod
    def from_model(cls, row: models.BrowserSession, viewer: Principal) -> BrowserSession:
        return cls(
            id=to_id(row.id),
            device=describe_device(row.user_agent),
            user_agent=row.user_agent,
            ip_address=row.ip_address,
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            expires_at=row.expires_at,
            current=row.id == viewer.session_id,
        )


@strawberry.input
class RevokeSessionInput:
    id: strawberry.ID


@strawberry.type
class RevokeSessionPayload:
    session_id: strawberry.ID


@strawberry.type
class RevokeOtherSessionsPayload:
    revoked_count: int
