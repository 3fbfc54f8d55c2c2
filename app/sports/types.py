from __future__ import annotations

import strawberry

from app.graphql.context import Info
from app.graphql.ids import to_id
from app.sports import models
from app.sports.models import SportCategory

strawberry.enum(
    SportCategory,
    name="SportCategory",
    description="Командный, некомандный или киберспорт.",
)


@strawberry.type(description="Вид спорта или его разновидность (дисциплина).")
class Sport:
    id: strawberry.ID
    code: str = strawberry.field(description="Постоянный читаемый код, например `football`.")
    name: str
    category: SportCategory
    icon: str = strawberry.field(description="Имя иконки lucide.")
    roster_min: int | None = strawberry.field(description="Минимум игроков в составе команды.")
    roster_max: int | None = strawberry.field(description="Максимум участников команды.")
    teams_allowed: bool = strawberry.field(description="Можно ли создать команду по этому виду.")
    model: strawberry.Private[models.Sport]

    @classmethod
    def from_model(cls, sport: models.Sport) -> Sport:
        return cls(
            id=to_id(sport.id),
            code=sport.code,
            name=sport.name,
            category=sport.category,
            icon=sport.icon,
            roster_min=sport.roster_min,
            roster_max=sport.roster_max,
            teams_allowed=sport.teams_allowed,
            model=sport,
        )

    @strawberry.field(description="Основной вид спорта, если это разновидность.")
    async def parent(self, info: Info) -> Sport | None:
        if self.model.parent_id is None:
            return None
        parent = await info.context.loaders.sport_by_id.load(self.model.parent_id)
        return Sport.from_model(parent) if parent else None

    @strawberry.field
    async def subdisciplines(self, info: Info) -> list[Sport]:
        children = await info.context.loaders.subdisciplines_by_sport_id.load(self.model.id)
        return [Sport.from_model(child) for child in children]
