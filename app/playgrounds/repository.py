from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    bindparam,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from app.auth.principal import Principal
from app.db import any_of
from app.pagination import Keyset, Page, PageRequest, SortKey, build_page, keyset
from app.playgrounds import geo
from app.playgrounds.models import Playground, PlaygroundReview, PlaygroundSport, PlaygroundStatus
from app.playgrounds.values import Surface

AnySelect = Select[*tuple[Any, ...]]
S = TypeVar("S", bound=AnySelect)

# Literal (not bound) so that the planner can match the partial indexes even in generic plans.
IS_APPROVED = Playground.status == literal_column("'APPROVED'")
IS_PENDING = Playground.status == literal_column("'PENDING'")
RUSSIAN: ColumnElement[Any] = literal_column("'russian'::regconfig")

BY_NAME = (SortKey(func.lower(Playground.name), str), SortKey(Playground.id, uuid.UUID))
OLDEST_FIRST = (SortKey(Playground.created_at, datetime), SortKey(Playground.id, uuid.UUID))
NEWEST_FIRST = (
    SortKey(Playground.created_at, datetime, descending=True),
    SortKey(Playground.id, uuid.UUID, descending=True),
)
# Statements of the hot reads, built once: building one costs more than running it.
_BY_IDS = select(Playground).where(any_of(Playground.id, "ids"))
_SPORT_IDS = (
    select(PlaygroundSport.playground_id, PlaygroundSport.sport_id)
    .where(any_of(PlaygroundSport.playground_id, "ids"))
    .order_by(PlaygroundSport.playground_id, PlaygroundSport.sport_id)
)


@dataclass(frozen=True, slots=True)
class PlaygroundFilter:
    sport_ids: Sequence[uuid.UUID] | None = None
    surface: Surface | None = None
    city: str | None = None


@dataclass(frozen=True, slots=True)
class Circle:
    latitude: float
    longitude: float
    radius_m: float


class PlaygroundRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, playground_id: uuid.UUID) -> Playground | None:
        return await self.session.get(Playground, playground_id)

    async def get_for_update(self, playground_id: uuid.UUID) -> Playground | None:
        return await self.session.get(
            Playground, playground_id, with_for_update=True, populate_existing=True
        )

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[Playground]:
        return list((await self.session.scalars(_BY_IDS, {"ids": list(ids)})).all())

    def readable_by(self, viewer: Principal) -> Select[Playground]:
        """Approved playgrounds; pending and rejected ones only for the proposer and staff."""
        stmt = select(Playground)
        if not viewer.is_staff:
            stmt = stmt.where(or_(IS_APPROVED, Playground.proposed_by_id == viewer.user_id))
        return stmt

    async def get_readable(self, viewer: Principal, playground_id: uuid.UUID) -> Playground | None:
        stmt = self.readable_by(viewer).where(Playground.id == playground_id)
        return await self.session.scalar(stmt)

    async def approved_ids(self, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        stmt = select(Playground.id).where(Playground.id.in_(ids), IS_APPROVED)
        return set((await self.session.scalars(stmt)).all())

    async def add(self, playground: Playground, sport_ids: Sequence[uuid.UUID]) -> Playground:
        self.session.add(playground)
        await self.session.flush()
        self.session.add_all(
            PlaygroundSport(playground_id=playground.id, sport_id=sport_id)
            for sport_id in sport_ids
        )
        await self.session.flush()
        return playground

    async def insert_missing(
        self, rows: list[dict[str, object]], links: list[tuple[uuid.UUID, uuid.UUID]]
    ) -> None:
        """Bulk insert under fixed ids, skipping rows that exist (the demo seed)."""
        await self.session.execute(insert(Playground).values(rows).on_conflict_do_nothing())
        sports = [{"playground_id": p, "sport_id": s} for p, s in links]
        await self.session.execute(insert(PlaygroundSport).values(sports).on_conflict_do_nothing())

    async def sport_ids_of(self, ids: Sequence[uuid.UUID]) -> list[tuple[uuid.UUID, uuid.UUID]]:
        rows = await self.session.execute(_SPORT_IDS, {"ids": list(ids)})
        return [(p, s) for p, s in rows.all()]

    def near_statement(
        self, circle: Circle, where: PlaygroundFilter, request: PageRequest
    ) -> tuple[AnySelect, dict[str, Any]]:
        """Approved playgrounds in the circle, nearest first, with their distance in metres;
        the statement and its parameters."""
        boxes = geo.bounding_boxes(circle.latitude, circle.longitude, circle.radius_m)
        params = {
            "latitude": circle.latitude,
            "longitude": circle.longitude,
            "radius_m": circle.radius_m,
            **geo.box_params(boxes),
            **_filter_params(where),
        }
        return _near(len(boxes), _shape(where)).page(request, params)

    async def near(
        self, circle: Circle, where: PlaygroundFilter, request: PageRequest
    ) -> Page[tuple[Playground, float]]:
        stmt, params = self.near_statement(circle, where, request)
        rows = (await self.session.execute(stmt, params)).all()
        pairs = [(playground, float(distance)) for playground, distance in rows]
        return build_page(pairs, request, lambda pair: (pair[1], pair[0].id))

    async def search(
        self, text: str | None, where: PlaygroundFilter, request: PageRequest
    ) -> Page[Playground]:
        """Approved playgrounds by name, or by relevance to ``text`` when given.

        A playground matches when Russian full-text search finds the words (any word form)
        or when ``text`` is trigram-similar to a part of its name and address (typos, prefixes).
        """
        stmt = _filtered(select(Playground).where(IS_APPROVED), _shape(where))
        params = _filter_params(where)
        if text is None:
            rows = (await self.session.scalars(keyset(stmt, BY_NAME, request), params)).all()
            return build_page(rows, request, lambda p: (p.name.lower(), p.id))
        query = text.lower()
        relevance = func.word_similarity(query, Playground.search_text)
        matching = stmt.add_columns(relevance.label("relevance")).where(
            or_(
                Playground.search_vector.op("@@")(func.websearch_to_tsquery(RUSSIAN, query)),
                literal(query).op("<%")(Playground.search_text),
            )
        )
        keys = (SortKey(relevance, float, descending=True), SortKey(Playground.id, uuid.UUID))
        scored = (await self.session.execute(keyset(matching, keys, request), params)).all()
        page = build_page(
            [(playground, float(score)) for playground, score in scored],
            request,
            lambda pair: (pair[1], pair[0].id),
        )
        return Page(
            items=[playground for playground, _ in page.items],
            cursors=page.cursors,
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
        )

    async def pending(self, request: PageRequest) -> Page[Playground]:
        """The moderation queue, oldest proposal first."""
        stmt = keyset(select(Playground).where(IS_PENDING), OLDEST_FIRST, request)
        rows = (await self.session.scalars(stmt)).all()
        return build_page(rows, request, lambda p: (p.created_at, p.id))

    async def proposed_by(
        self, user_id: uuid.UUID, status: PlaygroundStatus | None, request: PageRequest
    ) -> Page[Playground]:
        stmt = select(Playground).where(Playground.proposed_by_id == user_id)
        if status is not None:
            stmt = stmt.where(Playground.status == status)
        rows = (await self.session.scalars(keyset(stmt, NEWEST_FIRST, request))).all()
        return build_page(rows, request, lambda p: (p.created_at, p.id))

    async def refresh_rating(self, playground: Playground) -> None:
        """Recount the reviews; callers hold the playground's row lock, so no review is missed."""
        await self.session.flush()
        stmt = select(func.count(), func.coalesce(func.sum(PlaygroundReview.rating), 0)).where(
            PlaygroundReview.playground_id == playground.id
        )
        count, total = (await self.session.execute(stmt)).one()
        playground.review_count = int(count)
        playground.rating_sum = int(total)
        await self.session.flush()

    async def count_check_in(self, playground: Playground) -> None:
        """Add one check-in atomically; the update also locks the row until commit."""
        stmt = (
            update(Playground)
            .where(Playground.id == playground.id)
            .values(check_in_count=Playground.check_in_count + 1)
            .returning(Playground.check_in_count)
        )
        count = (await self.session.execute(stmt)).scalar_one()
        set_committed_value(playground, "check_in_count", int(count))


FilterShape = tuple[bool, bool, bool]
"""Which of a ``PlaygroundFilter``'s sports, surface and city are set."""


def _shape(where: PlaygroundFilter) -> FilterShape:
    return (where.sport_ids is not None, where.surface is not None, bool(where.city))


def _filtered(stmt: S, shape: FilterShape) -> S:
    """The filter's conditions; ``_filter_params`` gives their values."""
    sports, surface, city = shape
    if sports:
        stmt = stmt.where(
            exists().where(
                PlaygroundSport.playground_id == Playground.id,
                any_of(PlaygroundSport.sport_id, "sport_ids"),
            )
        )
    if surface:
        stmt = stmt.where(Playground.surface == bindparam("surface"))
    if city:
        stmt = stmt.where(func.lower(Playground.city) == bindparam("city"))
    return stmt


def _filter_params(where: PlaygroundFilter) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if where.sport_ids is not None:
        params["sport_ids"] = list(where.sport_ids)
    if where.surface is not None:
        params["surface"] = where.surface
    if where.city:
        params["city"] = where.city.lower()
    return params


@cache
def _near(boxes: int, shape: FilterShape) -> Keyset[AnySelect]:
    """Built once per shape: the distance expression costs milliseconds to build and key.

    The bounding boxes are the index condition (``ix_playgrounds_location``); the exact
    great-circle distance then filters and orders the candidates.
    """
    distance = geo.distance_sql(
        Playground.latitude,
        Playground.longitude,
        bindparam("latitude", type_=Float),
        bindparam("longitude", type_=Float),
    )
    point = geo.location(Playground.latitude, Playground.longitude)
    stmt = select(Playground, distance.label("distance")).where(
        IS_APPROVED,
        geo.within_bound_boxes(point, boxes),
        distance <= bindparam("radius_m", type_=Float),
    )
    keys = (SortKey(distance, float), SortKey(Playground.id, uuid.UUID))
    return Keyset.of(_filtered(stmt, shape), keys)
