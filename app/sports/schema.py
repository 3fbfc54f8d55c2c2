from __future__ import annotations

import strawberry

from app.errors import BadRequestError
from app.graphql.context import Info
from app.graphql.ids import parse_id
from app.sports import service
from app.sports.models import SportCategory
from app.sports.types import Sport


@strawberry.type
class SportQuery:
    @strawberry.field(
        description="Каталог видов спорта (верхний уровень; разновидности — в subdisciplines)."
    )
    async def sports(self, info: Info, category: SportCategory | None = None) -> list[Sport]:
        sports = await service.list_sports(info.context.session, category=category)
        return [Sport.from_model(sport) for sport in sports]

    @strawberry.field(description="Вид спорта по id или по коду; ровно одно из двух.")
    async def sport(
        self, info: Info, id: strawberry.ID | None = None, code: str | None = None
    ) -> Sport | None:
        if (id is None) == (code is None):
            raise BadRequestError("Укажите ровно одно из id и code")
        session = info.context.session
        if code is not None:
            sport = await service.get_sport_by_code(session, code)
        else:
            sport_id = parse_id(id) if id is not None else None
            sport = await service.get_sport(session, sport_id) if sport_id else None
        return Sport.from_model(sport) if sport else None
