"""Playgrounds: proposing, moderating and finding them.

A proposed playground is PENDING and visible only to its proposer and to moderators until a
moderator approves it (then everyone sees it) or rejects it with a reason (it stays visible
to the proposer, with the reason). Reviews are in ``reviews.py``, check-ins in
``check_ins.py``, condition reports in ``conditions.py`` and the king of the court in
``court.py``.
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime
from enum import StrEnum
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError, BadRequestError, FieldCode, NotFoundError
from app.events import emit
from app.pagination import Page, PageRequest
from app.playgrounds.errors import PlaygroundNotApprovedError, PlaygroundNotPendingError
from app.playgrounds.events import PlaygroundApproved, PlaygroundProposed, PlaygroundRejected
from app.playgrounds.models import Playground, PlaygroundStatus
from app.playgrounds.repository import Circle, PlaygroundFilter, PlaygroundRepository
from app.playgrounds.values import Feature, PlaygroundType, Surface
from app.sports import service as sports
from app.validation import Validator

MAX_SPORTS = 10
MAX_PHOTOS = 10


class Decision(StrEnum):
    APPROVE = "APPROVE"
    REJECT = "REJECT"


class NewPlayground(TypedDict):
    name: str
    address: str
    city: str
    latitude: float
    longitude: float
    type: PlaygroundType
    surface: Surface
    sport_ids: list[uuid.UUID | None]
    """``None`` stands for an id that cannot exist."""
    features: list[Feature]
    photo_urls: list[str]


async def propose_playground(
    session: AsyncSession, actor: Principal, fields: NewPlayground, *, now: datetime
) -> Playground:
    cleaned, sport_ids = await _validate_new(session, fields)
    playground = Playground(
        **cleaned,
        proposed_by_id=actor.user_id,
        status=PlaygroundStatus.PENDING,
        created_at=now,
        updated_at=now,
    )
    await PlaygroundRepository(session).add(playground, sport_ids)
    event = PlaygroundProposed(
        playground_id=playground.id,
        proposed_by=actor.user_id,
        name=playground.name,
        city=playground.city,
        latitude=playground.latitude,
        longitude=playground.longitude,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return playground


async def moderate_playground(
    session: AsyncSession,
    actor: Principal,
    playground_id: uuid.UUID,
    decision: Decision,
    reason: str | None,
    *,
    now: datetime,
) -> Playground:
    """Approve or reject a pending playground; a rejection needs a reason for the proposer."""
    if not actor.is_staff:
        raise AccessDeniedError("Модерировать площадки могут только модераторы")
    v = Validator()
    reason = v.text("reason", reason, min_len=3, max_len=500, required=decision is Decision.REJECT)
    v.raise_if_any()
    playground = await PlaygroundRepository(session).get_for_update(playground_id)
    if playground is None:
        raise NotFoundError()
    if playground.status is not PlaygroundStatus.PENDING:
        raise PlaygroundNotPendingError(status=playground.status)
    approved = decision is Decision.APPROVE
    playground.status = PlaygroundStatus.APPROVED if approved else PlaygroundStatus.REJECTED
    playground.moderated_by_id = actor.user_id
    playground.moderated_at = now
    playground.moderation_reason = reason
    playground.updated_at = now
    await session.flush()
    emit(session, _moderated(playground, actor, reason), actor_id=actor.user_id, occurred_at=now)
    return playground


def _moderated(
    playground: Playground, actor: Principal, reason: str | None
) -> PlaygroundApproved | PlaygroundRejected:
    if playground.status is PlaygroundStatus.APPROVED:
        return PlaygroundApproved(
            playground_id=playground.id,
            proposed_by=playground.proposed_by_id,
            moderated_by=actor.user_id,
        )
    return PlaygroundRejected(
        playground_id=playground.id,
        proposed_by=playground.proposed_by_id,
        moderated_by=actor.user_id,
        reason=reason or "",
    )


async def get_playground(
    session: AsyncSession, viewer: Principal, playground_id: uuid.UUID
) -> Playground | None:
    return await PlaygroundRepository(session).get_readable(viewer, playground_id)


async def playgrounds_by_id(
    session: AsyncSession, playground_ids: list[uuid.UUID]
) -> dict[uuid.UUID, Playground]:
    """For work done on nobody's behalf (the AI triage): any status."""
    return {p.id: p for p in await PlaygroundRepository(session).get_many(playground_ids)}


def sees_moderation(viewer: Principal | None, playground: Playground) -> bool:
    """The proposer and staff see the moderation details (who, when, why)."""
    if viewer is None:
        return False
    return viewer.is_staff or viewer.user_id == playground.proposed_by_id


async def approved_for_action(
    session: AsyncSession, actor: Principal, playground_id: uuid.UUID
) -> Playground:
    """A playground people may review, check in at or report on: visible and approved."""
    playground = await get_playground(session, actor, playground_id)
    if playground is None:
        raise NotFoundError()
    if playground.status is not PlaygroundStatus.APPROVED:
        raise PlaygroundNotApprovedError()
    return playground


async def approved_playground_ids(
    session: AsyncSession, playground_ids: list[uuid.UUID]
) -> set[uuid.UUID]:
    """Which of the ids are approved playgrounds (for teams' home playgrounds, matches...)."""
    if not playground_ids:
        return set()
    return await PlaygroundRepository(session).approved_ids(playground_ids)


async def find_near(
    session: AsyncSession,
    viewer: Principal,
    *,
    latitude: float,
    longitude: float,
    radius_km: float,
    sport_id: uuid.UUID | None,
    surface: Surface | None,
    page: PageRequest,
    max_radius_km: float,
) -> Page[tuple[Playground, float]]:
    """Approved playgrounds within ``radius_km``, nearest first, with distances in metres."""
    _check_coordinates(latitude, longitude)
    if not (math.isfinite(radius_km) and 0 < radius_km <= max_radius_km):
        raise BadRequestError(f"Радиус поиска должен быть больше 0 и не больше {max_radius_km} км")
    where = await _filter(session, sport_id=sport_id, surface=surface, city=None)
    circle = Circle(latitude=latitude, longitude=longitude, radius_m=radius_km * 1000)
    return await PlaygroundRepository(session).near(circle, where, page)


async def search_playgrounds(
    session: AsyncSession,
    viewer: Principal,
    *,
    search: str | None,
    city: str | None,
    sport_id: uuid.UUID | None,
    surface: Surface | None,
    page: PageRequest,
) -> Page[Playground]:
    """Approved playgrounds by relevance to ``search``, or by name without one."""
    where = await _filter(session, sport_id=sport_id, surface=surface, city=city)
    text = (search or "").strip()[:100] or None
    return await PlaygroundRepository(session).search(text, where, page)


async def moderation_queue(
    session: AsyncSession, viewer: Principal, *, page: PageRequest
) -> Page[Playground]:
    if not viewer.is_staff:
        raise AccessDeniedError("Очередь модерации доступна только модераторам")
    return await PlaygroundRepository(session).pending(page)


async def my_proposals(
    session: AsyncSession,
    viewer: Principal,
    *,
    status: PlaygroundStatus | None,
    page: PageRequest,
) -> Page[Playground]:
    return await PlaygroundRepository(session).proposed_by(viewer.user_id, status, page)


async def _filter(
    session: AsyncSession,
    *,
    sport_id: uuid.UUID | None,
    surface: Surface | None,
    city: str | None,
) -> PlaygroundFilter:
    """A sport also finds the playgrounds of its sub-disciplines."""
    sport_ids = await sports.discipline_ids(session, sport_id) if sport_id else None
    return PlaygroundFilter(sport_ids=sport_ids, surface=surface, city=(city or "").strip() or None)


def _check_coordinates(latitude: float, longitude: float) -> None:
    v = Validator()
    validate_coordinates(v, latitude, longitude)
    if v.issues:
        raise BadRequestError(v.issues[0].message)


def validate_coordinates(
    v: Validator, latitude: float, longitude: float, *, prefix: str = ""
) -> None:
    if not (math.isfinite(latitude) and -90 <= latitude <= 90):
        v.add(f"{prefix}latitude", FieldCode.OUT_OF_RANGE, "Широта должна быть от -90 до 90")
    if not (math.isfinite(longitude) and -180 <= longitude <= 180):
        v.add(f"{prefix}longitude", FieldCode.OUT_OF_RANGE, "Долгота должна быть от -180 до 180")


async def _validate_new(
    session: AsyncSession, fields: NewPlayground
) -> tuple[dict[str, object], list[uuid.UUID]]:
    v = Validator()
    cleaned: dict[str, object] = {
        "name": v.text("name", fields["name"], min_len=3, max_len=100, required=True),
        "address": v.text("address", fields["address"], min_len=10, max_len=300, required=True),
        "city": v.text("city", fields["city"], min_len=2, max_len=100, required=True),
        "latitude": fields["latitude"],
        "longitude": fields["longitude"],
        "type": fields["type"],
        "surface": fields["surface"],
        "features": sorted(set(fields["features"])),
        "photo_urls": _photo_urls(v, fields["photo_urls"]),
    }
    validate_coordinates(v, fields["latitude"], fields["longitude"])
    sport_ids = await _sport_ids(session, v, fields["sport_ids"])
    v.raise_if_any()
    return cleaned, sport_ids


def _photo_urls(v: Validator, urls: list[str]) -> list[str]:
    if len(urls) > MAX_PHOTOS:
        v.add("photoUrls", FieldCode.TOO_LONG, f"Не больше {MAX_PHOTOS} фотографий")
        return []
    return [url for i, raw in enumerate(urls) if (url := v.url(f"photoUrls.{i}", raw))]


async def _sport_ids(
    session: AsyncSession, v: Validator, given: list[uuid.UUID | None]
) -> list[uuid.UUID]:
    wanted = list(dict.fromkeys(given))
    if not wanted:
        v.add("sportIds", FieldCode.REQUIRED, "Укажите хотя бы один вид спорта")
        return []
    if len(wanted) > MAX_SPORTS:
        v.add("sportIds", FieldCode.TOO_LONG, f"Не больше {MAX_SPORTS} видов спорта")
        return []
    ids = [sport_id for sport_id in wanted if sport_id is not None]
    known = {sport.id for sport in await sports.get_sports(session, ids)}
    if len(known) != len(wanted):
        v.add("sportIds", FieldCode.NOT_FOUND, "Нет такого вида спорта")
    return [sport_id for sport_id in ids if sport_id in known]
