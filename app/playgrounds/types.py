from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.ids import to_id
from app.playgrounds import conditions, models, service
from app.playgrounds.enums import (
    ConditionCategory,
    Feature,
    PlaygroundStatus,
    PlaygroundType,
    ReportStatus,
    Severity,
    Surface,
)
from app.sports.types import Sport
from app.users.types import User

if TYPE_CHECKING:
    from app.teams.types import Team


async def _user(info: Info, user_id: uuid.UUID) -> User:
    user = await info.context.loaders.user_by_id.load(user_id)
    if user is None:
        raise RuntimeError(f"dangling user reference {user_id}")
    return User.from_model(user)


async def _playground(info: Info, playground_id: uuid.UUID) -> Playground:
    playground = await info.context.loaders.playground_by_id.load(playground_id)
    if playground is None:
        raise RuntimeError(f"dangling playground reference {playground_id}")
    return Playground.from_model(playground)


@strawberry.type(description="Спортивная площадка.")
class Playground:
    id: strawberry.ID
    name: str
    address: str
    city: str
    latitude: float
    longitude: float
    type: PlaygroundType
    surface: Surface
    photo_urls: list[str]
    status: PlaygroundStatus
    rating: float | None = strawberry.field(
        description="Средняя оценка отзывов; null, пока отзывов нет."
    )
    review_count: int
    check_in_count: int = strawberry.field(description="Сколько всего было отметок.")
    created_at: datetime
    model: strawberry.Private[models.Playground]

    @classmethod
    def from_model(cls, playground: models.Playground) -> Playground:
        return cls(
            id=to_id(playground.id),
            name=playground.name,
            address=playground.address,
            city=playground.city,
            latitude=playground.latitude,
            longitude=playground.longitude,
            type=playground.type,
            surface=playground.surface,
            photo_urls=list(playground.photo_urls),
            status=playground.status,
            rating=playground.rating,
            review_count=playground.review_count,
            check_in_count=playground.check_in_count,
            created_at=playground.created_at,
            model=playground,
        )

    @strawberry.field
    def features(self) -> list[Feature]:
        return [Feature(feature) for feature in self.model.features]

    @strawberry.field(description="Причина решения модератора: автору площадки и модераторам.")
    def moderation_reason(self, info: Info) -> str | None:
        visible = service.sees_moderation(info.context.principal, self.model)
        return self.model.moderation_reason if visible else None

    @strawberry.field(description="Когда площадку проверили: автору площадки и модераторам.")
    def moderated_at(self, info: Info) -> datetime | None:
        visible = service.sees_moderation(info.context.principal, self.model)
        return self.model.moderated_at if visible else None

    @strawberry.field
    async def sports(self, info: Info) -> list[Sport]:
        ids = await info.context.loaders.sport_ids_by_playground_id.load(self.model.id)
        sports = await info.context.loaders.sport_by_id.load_many(ids)
        return [Sport.from_model(sport) for sport in sports if sport is not None]

    @strawberry.field(description="Кто предложил площадку.")
    async def proposed_by(self, info: Info) -> User:
        return await _user(info, self.model.proposed_by_id)

    @strawberry.field(description="Десять последних отзывов, новые первыми.")
    async def recent_reviews(self, info: Info) -> list[PlaygroundReview]:
        reviews = await info.context.loaders.recent_reviews_by_playground_id.load(self.model.id)
        return [PlaygroundReview.from_model(review) for review in reviews]

    @strawberry.field(description="Мой отзыв об этой площадке, если я его оставлял.")
    async def my_review(self, info: Info) -> PlaygroundReview | None:
        key = (self.model.id, info.context.actor().user_id)
        review = await info.context.loaders.review_by_playground_author.load(key)
        return PlaygroundReview.from_model(review) if review else None

    @strawberry.field(description="Текущее состояние: самое новое незакрытое сообщение о проблеме.")
    async def condition(self, info: Info) -> PlaygroundConditionReport | None:
        report = await info.context.loaders.condition_by_playground_id.load(self.model.id)
        return PlaygroundConditionReport.from_model(report) if report else None

    @strawberry.field(description="Король площадки: команда с наибольшим числом побед здесь.")
    async def king_of_the_court(self, info: Info) -> KingOfTheCourt | None:
        standing = await info.context.loaders.king_by_playground_id.load(self.model.id)
        if standing is None:
            return None
        return KingOfTheCourt(wins=standing.wins, team_id=standing.team_id)


@strawberry.type(description="Команда с наибольшим числом подтверждённых побед на площадке.")
class KingOfTheCourt:
    wins: int
    team_id: strawberry.Private[uuid.UUID]

    @strawberry.field
    async def team(self, info: Info) -> Annotated[Team, strawberry.lazy("app.teams.types")]:
        from app.teams.types import Team  # the teams domain refers to playgrounds at import

        team = await info.context.loaders.team_by_id.load(self.team_id)
        if team is None:
            raise RuntimeError(f"dangling team reference {self.team_id}")
        return Team.from_model(team)


@strawberry.type(description="Площадка рядом с точкой поиска.")
class NearbyPlayground:
    distance_meters: float = strawberry.field(description="Расстояние по поверхности Земли, м.")
    playground: Playground


@strawberry.type(description="Отзыв об площадке; у пользователя не больше одного на площадку.")
class PlaygroundReview:
    id: strawberry.ID
    rating: int
    comment: str | None
    created_at: datetime
    updated_at: datetime
    model: strawberry.Private[models.PlaygroundReview]

    @classmethod
    def from_model(cls, review: models.PlaygroundReview) -> PlaygroundReview:
        return cls(
            id=to_id(review.id),
            rating=review.rating,
            comment=review.comment,
            created_at=review.created_at,
            updated_at=review.updated_at,
            model=review,
        )

    @strawberry.field
    async def author(self, info: Info) -> User:
        return await _user(info, self.model.author_id)

    @strawberry.field
    async def playground(self, info: Info) -> Playground:
        return await _playground(info, self.model.playground_id)


@strawberry.type(description="Отметка пользователя на площадке.")
class PlaygroundCheckIn:
    id: strawberry.ID
    day: date = strawberry.field(
        description="Календарный день отметки (по часовому поясу сервиса)."
    )
    comment: str | None
    created_at: datetime
    model: strawberry.Private[models.PlaygroundCheckIn]

    @classmethod
    def from_model(cls, check_in: models.PlaygroundCheckIn) -> PlaygroundCheckIn:
        return cls(
            id=to_id(check_in.id),
            day=check_in.day,
            comment=check_in.comment,
            created_at=check_in.created_at,
            model=check_in,
        )

    @strawberry.field
    async def user(self, info: Info) -> User:
        return await _user(info, self.model.user_id)

    @strawberry.field
    async def playground(self, info: Info) -> Playground:
        return await _playground(info, self.model.playground_id)


@strawberry.type(description="Строка таблицы лидеров площадки по отметкам.")
class PlaygroundVisitor:
    check_ins: int
    last_check_in_at: datetime
    model: strawberry.Private[models.PlaygroundVisitor]

    @classmethod
    def from_model(cls, visitor: models.PlaygroundVisitor) -> PlaygroundVisitor:
        return cls(check_ins=visitor.check_ins, last_check_in_at=visitor.reached_at, model=visitor)

    @strawberry.field
    async def user(self, info: Info) -> User:
        return await _user(info, self.model.user_id)


@strawberry.type(description="Сообщение о состоянии площадки.")
class PlaygroundConditionReport:
    id: strawberry.ID
    category: ConditionCategory
    comment: str
    status: ReportStatus
    severity: Severity | None = strawberry.field(description="Оценка ИИ; пусто, пока её нет.")
    summary: str | None = strawberry.field(description="Краткое изложение от ИИ.")
    created_at: datetime
    resolved_at: datetime | None
    resolution: str | None
    model: strawberry.Private[models.ConditionReport]

    @classmethod
    def from_model(cls, report: models.ConditionReport) -> PlaygroundConditionReport:
        return cls(
            id=to_id(report.id),
            category=report.category,
            comment=report.comment,
            status=report.status,
            severity=report.severity,
            summary=report.summary,
            created_at=report.created_at,
            resolved_at=report.resolved_at,
            resolution=report.resolution,
            model=report,
        )

    @strawberry.field(description="Автор сообщения: ему самому и модераторам.")
    async def reporter(self, info: Info) -> User | None:
        if not conditions.sees_reporter(info.context.principal, self.model):
            return None
        return await _user(info, self.model.reporter_id)

    @strawberry.field
    async def playground(self, info: Info) -> Playground:
        return await _playground(info, self.model.playground_id)
