"""Check-ins: at most one per user, playground and calendar day, and the leaderboard.

The day is the calendar day in the configured time zone (Moscow by default): a player in
Moscow who checks in at 23:30 and again at 00:30 has checked in on two days. A client may send
its position; then the check-in is refused farther than the configured distance.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.events import emit
from app.pagination import Page, PageRequest
from app.playgrounds import geo
from app.playgrounds.errors import AlreadyCheckedInError, TooFarToCheckInError
from app.playgrounds.events import PlaygroundCheckedIn
from app.playgrounds.models import Playground, PlaygroundCheckIn, PlaygroundVisitor
from app.playgrounds.records import CheckInRepository
from app.playgrounds.repository import PlaygroundRepository
from app.playgrounds.service import approved_for_action, get_playground, validate_coordinates
from app.settings import PlaygroundSettings
from app.validation import Validator


@dataclass(frozen=True, slots=True)
class Position:
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class CheckInRules:
    time_zone: ZoneInfo
    max_distance_m: float

    @classmethod
    def from_settings(cls, settings: PlaygroundSettings) -> CheckInRules:
        return cls(ZoneInfo(settings.time_zone), settings.check_in_max_distance_m)


async def check_in(
    session: AsyncSession,
    actor: Principal,
    playground_id: uuid.UUID,
    comment: str | None,
    *,
    position: Position | None,
    rules: CheckInRules,
    now: datetime,
) -> tuple[PlaygroundCheckIn, Playground]:
    """The new check-in and its playground, counted."""
    v = Validator()
    comment = v.text("comment", comment, max_len=500)
    if position is not None:
        validate_coordinates(v, position.latitude, position.longitude, prefix="position.")
    v.raise_if_any()
    playground = await approved_for_action(session, actor, playground_id)
    if position is not None:
        distance = geo.distance_m(
            position.latitude, position.longitude, playground.latitude, playground.longitude
        )
        if distance > rules.max_distance_m:
            raise TooFarToCheckInError(
                distance_meters=round(distance), max_distance_meters=round(rules.max_distance_m)
            )
    day = now.astimezone(rules.time_zone).date()
    records = CheckInRepository(session)
    created = await records.add_once(
        playground_id=playground.id, user_id=actor.user_id, day=day, comment=comment, now=now
    )
    if created is None:
        raise AlreadyCheckedInError(next_check_in_at=_next_day_start(day, rules.time_zone))
    await records.count_visit(playground.id, actor.user_id, now)
    await PlaygroundRepository(session).count_check_in(playground)
    event = PlaygroundCheckedIn(
        playground_id=playground.id,
        check_in_id=created.id,
        user_id=actor.user_id,
        day=day,
        check_in_count=playground.check_in_count,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return created, playground


async def leaderboard(
    session: AsyncSession, viewer: Principal, playground_id: uuid.UUID, *, page: PageRequest
) -> Page[PlaygroundVisitor] | None:
    """Users by check-ins at the playground; ``None`` when the viewer cannot see it."""
    playground = await get_playground(session, viewer, playground_id)
    if playground is None:
        return None
    return await CheckInRepository(session).leaderboard(playground.id, page)


def _next_day_start(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)
