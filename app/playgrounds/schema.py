from __future__ import annotations

import uuid
from typing import Annotated

import strawberry

from app.errors import BadRequestError
from app.graphql.context import Info
from app.graphql.ids import parse_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated, staff_only
from app.graphql.ratelimit import Throttle
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest
from app.playgrounds import check_ins, conditions, reviews, service
from app.playgrounds.enums import PlaygroundStatus, ReportStatus, Surface
from app.playgrounds.limits import SEARCH_PER_IP, SEARCH_PER_USER
from app.playgrounds.models import Playground as PlaygroundModel
from app.playgrounds.types import (
    NearbyPlayground,
    Playground,
    PlaygroundConditionReport,
    PlaygroundReview,
    PlaygroundVisitor,
)

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]


def _nearby(pair: tuple[PlaygroundModel, float]) -> NearbyPlayground:
    playground, distance = pair
    return NearbyPlayground(distance_meters=distance, playground=Playground.from_model(playground))


@strawberry.type
class PlaygroundQuery:
    @strawberry.field(
        permission_classes=authenticated(),
        description="Площадка; неодобренная видна только автору и модераторам.",
    )
    async def playground(self, info: Info, id: strawberry.ID) -> Playground | None:
        playground_id = parse_id(id)
        if playground_id is None:
            return None
        found = await service.get_playground(
            info.context.session, info.context.actor(), playground_id
        )
        return Playground.from_model(found) if found else None

    @strawberry.field(
        permission_classes=authenticated(),
        extensions=[Throttle(SEARCH_PER_USER, SEARCH_PER_IP)],
        description="Одобренные площадки в радиусе от точки, ближайшие первыми.",
    )
    async def playgrounds_near(
        self,
        info: Info,
        latitude: float,
        longitude: float,
        radius_km: Annotated[float, strawberry.argument(description="Радиус поиска, км.")] = 10.0,
        sport_id: strawberry.ID | None = None,
        surface: Surface | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[NearbyPlayground]:
        page = await service.find_near(
            info.context.session,
            info.context.actor(),
            latitude=latitude,
            longitude=longitude,
            radius_km=radius_km,
            sport_id=_filter_id(sport_id),
            surface=surface,
            page=PageRequest(first=first, after=after),
            max_radius_km=info.context.container.settings.playgrounds.near_max_radius_km,
        )
        return Connection.from_page(page, _nearby)

    @strawberry.field(
        permission_classes=authenticated(),
        extensions=[Throttle(SEARCH_PER_USER, SEARCH_PER_IP)],
        description="Одобренные площадки: по тексту (название, адрес) или по названию.",
    )
    async def playgrounds(
        self,
        info: Info,
        search: str | None = None,
        city: str | None = None,
        sport_id: strawberry.ID | None = None,
        surface: Surface | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Playground]:
        page = await service.search_playgrounds(
            info.context.session,
            info.context.actor(),
            search=search,
            city=city,
            sport_id=_filter_id(sport_id),
            surface=surface,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, Playground.from_model)

    @strawberry.field(permission_classes=authenticated(), description="Отзывы, новые первыми.")
    async def playground_reviews(
        self,
        info: Info,
        playground_id: strawberry.ID,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[PlaygroundReview] | None:
        parsed = parse_id(playground_id)
        if parsed is None:
            return None
        page = await reviews.list_reviews(
            info.context.session,
            info.context.actor(),
            parsed,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, PlaygroundReview.from_model) if page else None

    @strawberry.field(
        permission_classes=authenticated(),
        description="Таблица лидеров площадки: пользователи по числу отметок.",
    )
    async def playground_leaderboard(
        self,
        info: Info,
        playground_id: strawberry.ID,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[PlaygroundVisitor] | None:
        parsed = parse_id(playground_id)
        if parsed is None:
            return None
        page = await check_ins.leaderboard(
            info.context.session,
            info.context.actor(),
            parsed,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, PlaygroundVisitor.from_model) if page else None

    @strawberry.field(
        permission_classes=authenticated(), description="Площадки, которые предложил я."
    )
    async def my_playground_proposals(
        self,
        info: Info,
        status: PlaygroundStatus | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Playground]:
        page = await service.my_proposals(
            info.context.session,
            info.context.actor(),
            status=status,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, Playground.from_model)

    @strawberry.field(
        permission_classes=staff_only(),
        description="Площадки, ждущие модерации, старые первыми.",
    )
    async def playground_moderation_queue(
        self, info: Info, first: First = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[Playground]:
        page = await service.moderation_queue(
            info.context.session, info.context.actor(), page=PageRequest(first=first, after=after)
        )
        return Connection.from_page(page, Playground.from_model)

    @strawberry.field(
        permission_classes=staff_only(),
        description="Сообщения о состоянии площадок (по умолчанию открытые), старые первыми.",
    )
    async def condition_reports(
        self,
        info: Info,
        status: ReportStatus | None = ReportStatus.OPEN,
        playground_id: strawberry.ID | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[PlaygroundConditionReport]:
        page = await conditions.list_reports(
            info.context.session,
            info.context.actor(),
            status=status,
            playground_id=_filter_id(playground_id),
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, PlaygroundConditionReport.from_model)


def _filter_id(value: strawberry.ID | None) -> uuid.UUID | None:
    if value is None:
        return None
    parsed = parse_id(value)
    if parsed is None:
        raise BadRequestError("Некорректный идентификатор в фильтре")
    return parsed
