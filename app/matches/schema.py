from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated

import strawberry

from app.errors import BadRequestError, NotFoundError
from app.graphql.context import Info
from app.graphql.ids import parse_id, require_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated
from app.matches import challenges, ratings, service, stats, streams
from app.matches.enums import ChallengeStatus, MatchOrder, MatchStatus
from app.matches.repository import MatchFilter
from app.matches.types import Match, MatchChallenge, PlayerSportStats, RatingChange
from app.matches.updates import MatchUpdate
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]


@strawberry.type
class MatchQuery:
    @strawberry.field(permission_classes=authenticated(), description="Матч по id.")
    async def match(self, info: Info, id: strawberry.ID) -> Match | None:
        match_id = parse_id(id)
        if match_id is None:
            return None
        match = await service.get_match(info.context.session, info.context.actor(), match_id)
        return Match.from_model(match) if match else None

    @strawberry.field(
        permission_classes=authenticated(),
        description="Матчи по команде, площадке, состоянию и времени начала [from, to).",
    )
    async def matches(
        self,
        info: Info,
        team_id: strawberry.ID | None = None,
        playground_id: strawberry.ID | None = None,
        status: list[MatchStatus] | None = None,
        scheduled_from: Annotated[datetime | None, strawberry.argument(name="from")] = None,
        scheduled_to: Annotated[datetime | None, strawberry.argument(name="to")] = None,
        order_by: MatchOrder = MatchOrder.LATEST_FIRST,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Match]:
        where = MatchFilter(
            team_id=_filter_id(team_id),
            playground_id=_filter_id(playground_id),
            statuses=status,
            scheduled_from=service.as_utc(scheduled_from) if scheduled_from else None,
            scheduled_to=service.as_utc(scheduled_to) if scheduled_to else None,
        )
        page = await service.list_matches(
            info.context.session,
            info.context.actor(),
            where=where,
            order=order_by,
            page=PageRequest(first=first, after=after),
        )
        return Connection.from_page(page, Match.from_model)

    @strawberry.field(
        permission_classes=authenticated(),
        description="Вызовы команды, отправленные и полученные: участникам команды.",
    )
    async def match_challenges(
        self,
        info: Info,
        team_id: strawberry.ID,
        status: ChallengeStatus | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[MatchChallenge] | None:
        parsed = parse_id(team_id)
        if parsed is None:
            return None
        c = info.context
        page = await challenges.list_team_challenges(
            c.session, c.actor(), parsed, status=status, page=PageRequest(first, after), now=c.now()
        )
        return Connection.from_page(page, MatchChallenge.from_model) if page else None

    @strawberry.field(
        permission_classes=authenticated(),
        description="История рейтинга команды (в её виде спорта) или игрока (в sportId), "
        "новые изменения первыми; ровно одно из teamId и userId.",
    )
    async def rating_history(
        self,
        info: Info,
        team_id: strawberry.ID | None = None,
        user_id: strawberry.ID | None = None,
        sport_id: strawberry.ID | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[RatingChange] | None:
        if (team_id is None) == (user_id is None) or (user_id is not None and sport_id is None):
            raise BadRequestError("Укажите teamId или userId вместе с sportId")
        try:
            page = await ratings.rating_history(
                info.context.session,
                info.context.actor(),
                team_id=parse_id(team_id) if team_id else None,
                user_id=parse_id(user_id) if user_id else None,
                sport_id=parse_id(sport_id) if sport_id else None,
                page=PageRequest(first=first, after=after),
            )
        except NotFoundError:
            return None
        if page is None:
            return None
        await RatingChange.prefetch(info, page.items, under="nodes")
        return Connection.from_page(page, RatingChange.from_model)

    @strawberry.field(
        permission_classes=authenticated(),
        description="Статистика игрока по видам спорта (или в одном sportId), из протоколов.",
    )
    async def player_match_stats(
        self, info: Info, user_id: strawberry.ID, sport_id: strawberry.ID | None = None
    ) -> list[PlayerSportStats]:
        parsed = parse_id(user_id)
        if parsed is None:
            return []
        rows = await stats.player_stats(
            info.context.session, info.context.actor(), parsed, _filter_id(sport_id)
        )
        return [PlayerSportStats(**row) for row in rows]


@strawberry.type
class MatchSubscription:
    @strawberry.subscription(
        permission_classes=authenticated(),
        description="Изменения матча в реальном времени: смена состояния, составы, "
        "события протокола, счёт.",
    )
    async def match_updated(
        self, info: Info, match_id: strawberry.ID
    ) -> AsyncIterator[MatchUpdate]:
        async for update in streams.match_updates(info.context, require_id(match_id)):
            yield update


def _filter_id(value: strawberry.ID | None) -> uuid.UUID | None:
    if value is None:
        return None
    parsed = parse_id(value)
    if parsed is None:
        raise BadRequestError("Некорректный идентификатор в фильтре")
    return parsed
