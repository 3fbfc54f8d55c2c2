from __future__ import annotations

import strawberry

from app.achievements import service
from app.achievements.types import Achievement
from app.graphql.context import Info
from app.graphql.ids import parse_id
from app.graphql.permissions import authenticated


@strawberry.type
class AchievementQuery:
    @strawberry.field(
        permission_classes=authenticated(),
        description="Все достижения с отметкой об открытых; null, если пользователя не видно.",
    )
    async def achievements(self, info: Info, user_id: strawberry.ID) -> list[Achievement] | None:
        parsed = parse_id(user_id)
        if parsed is None:
            return None
        views = await service.list_for_user(info.context.session, info.context.actor(), parsed)
        return [Achievement.from_view(view) for view in views] if views is not None else None
