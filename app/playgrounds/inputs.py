from __future__ import annotations

import strawberry

from app.graphql.ids import parse_id
from app.playgrounds import service
from app.playgrounds.check_ins import Position
from app.playgrounds.enums import ConditionCategory, Decision, Feature, PlaygroundType, Surface


@strawberry.input
class ProposePlaygroundInput:
    name: str = strawberry.field(description="3–100 символов.")
    address: str = strawberry.field(description="10–300 символов.")
    city: str
    latitude: float = strawberry.field(description="Широта, от -90 до 90.")
    longitude: float = strawberry.field(description="Долгота, от -180 до 180.")
    type: PlaygroundType
    surface: Surface
    sport_ids: list[strawberry.ID] = strawberry.field(description="1–10 видов спорта.")
    features: list[Feature] = strawberry.field(default_factory=list)
    photo_urls: list[str] = strawberry.field(default_factory=list, description="До 10 ссылок.")

    def to_fields(self) -> service.NewPlayground:
        return service.NewPlayground(
            name=self.name,
            address=self.address,
            city=self.city,
            latitude=self.latitude,
            longitude=self.longitude,
            type=self.type,
            surface=self.surface,
            sport_ids=[parse_id(sport_id) for sport_id in self.sport_ids],
            features=list(self.features),
            photo_urls=list(self.photo_urls),
        )


@strawberry.input
class ModeratePlaygroundInput:
    playground_id: strawberry.ID
    decision: Decision
    reason: str | None = strawberry.field(
        default=None, description="Обязательна при отклонении: её увидит автор площадки."
    )


@strawberry.input
class ReviewPlaygroundInput:
    playground_id: strawberry.ID
    rating: int = strawberry.field(description="Оценка от 1 до 5.")
    comment: str | None = strawberry.field(default=None, description="10–2000 символов.")


@strawberry.input
class DeleteMyReviewInput:
    playground_id: strawberry.ID


@strawberry.input(description="Где находится пользователь (для проверки расстояния).")
class PositionInput:
    latitude: float
    longitude: float

    def to_position(self) -> Position:
        return Position(latitude=self.latitude, longitude=self.longitude)


@strawberry.input
class CheckInInput:
    playground_id: strawberry.ID
    comment: str | None = None
    position: PositionInput | None = strawberry.field(
        default=None,
        description="Если передано, отметка возможна только рядом с площадкой.",
    )


@strawberry.input
class ReportPlaygroundConditionInput:
    playground_id: strawberry.ID
    category: ConditionCategory
    comment: str = strawberry.field(description="10–1000 символов.")


@strawberry.input
class ResolveConditionReportInput:
    report_id: strawberry.ID
    resolution: str = strawberry.field(description="Что сделано; 3–1000 символов.")
