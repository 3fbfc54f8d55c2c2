"""LFG lobbies: create, join, leave, cancel, find.

Joining and leaving lock the lobby's row first, so the participant count and the derived
status are checked and changed by one writer at a time: a lobby is never overbooked.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError, BadRequestError, FieldCode, NotFoundError
from app.events import emit
from app.lobbies.errors import (
    AlreadyInLobbyError,
    CreatorCannotLeaveError,
    LobbyFullError,
    LobbyStatusError,
    NotInLobbyError,
)
from app.lobbies.events import LobbyCancelled, LobbyCreated, LobbyJoined, LobbyLeft
from app.lobbies.models import Lobby, LobbyKind, LobbyParticipant, LobbyStatus
from app.lobbies.repository import LobbyFilter, LobbyRepository, Near, ParticipantRepository
from app.pagination import Page, PageRequest
from app.playgrounds import service as playgrounds
from app.sports import service as sports
from app.validation import Validator

MAX_DAYS_AHEAD = 90
MAX_RADIUS_KM = 200.0


@dataclass(frozen=True, slots=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class NewLobby:
    kind: LobbyKind
    sport_id: uuid.UUID | None
    playground_id: uuid.UUID | None
    place: str | None
    point: Point | None
    starts_at: datetime
    duration_minutes: int
    players_needed: int
    comment: str | None


async def create_lobby(
    session: AsyncSession, actor: Principal, new: NewLobby, *, now: datetime
) -> Lobby:
    """The creator is the first participant."""
    v = Validator()
    place = v.text("place", new.place, min_len=3, max_len=200)
    comment = v.text("comment", new.comment, max_len=200)
    v.int_range("durationMinutes", new.duration_minutes, low=30, high=240)
    v.int_range("playersNeeded", new.players_needed, low=2, high=22)
    if not now < new.starts_at <= now + timedelta(days=MAX_DAYS_AHEAD):
        v.add("startsAt", FieldCode.OUT_OF_RANGE, f"Начало — в ближайшие {MAX_DAYS_AHEAD} дней")
    if new.sport_id is None or await sports.get_sport(session, new.sport_id) is None:
        v.add("sportId", FieldCode.NOT_FOUND, "Нет такого вида спорта")
    point = await _location(session, actor, new, place, v)
    v.raise_if_any()
    assert new.sport_id is not None
    assert point is not None
    lobby = Lobby(
        kind=new.kind,
        sport_id=new.sport_id,
        playground_id=new.playground_id,
        place=place,
        latitude=point.latitude,
        longitude=point.longitude,
        starts_at=new.starts_at,
        ends_at=new.starts_at + timedelta(minutes=new.duration_minutes),
        duration_minutes=new.duration_minutes,
        players_needed=new.players_needed,
        participant_count=1,
        comment=comment,
        creator_id=actor.user_id,
        created_at=now,
    )
    await LobbyRepository(session).add(lobby)
    await ParticipantRepository(session).add(
        LobbyParticipant(lobby_id=lobby.id, user_id=actor.user_id, joined_at=now)
    )
    event = LobbyCreated(
        lobby_id=lobby.id,
        creator_id=actor.user_id,
        sport_id=lobby.sport_id,
        kind=lobby.kind.value,
        playground_id=lobby.playground_id,
        starts_at=lobby.starts_at,
        players_needed=lobby.players_needed,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return lobby


async def join_lobby(
    session: AsyncSession, actor: Principal, lobby_id: uuid.UUID, *, now: datetime
) -> Lobby:
    lobby = await _lock(session, lobby_id)
    _require_status(lobby, now, LobbyStatus.OPEN, LobbyStatus.FULL)
    participants = ParticipantRepository(session)
    if await participants.get(lobby.id, actor.user_id) is not None:
        raise AlreadyInLobbyError()
    if lobby.status_at(now) is LobbyStatus.FULL:
        raise LobbyFullError()
    await participants.add(
        LobbyParticipant(lobby_id=lobby.id, user_id=actor.user_id, joined_at=now)
    )
    lobby.participant_count += 1
    await session.flush()
    event = LobbyJoined(
        lobby_id=lobby.id,
        creator_id=lobby.creator_id,
        user_id=actor.user_id,
        participant_count=lobby.participant_count,
        players_needed=lobby.players_needed,
        became_full=lobby.status_at(now) is LobbyStatus.FULL,
        starts_at=lobby.starts_at,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return lobby


async def leave_lobby(
    session: AsyncSession, actor: Principal, lobby_id: uuid.UUID, *, now: datetime
) -> Lobby:
    """Before the start only; the creator cancels instead of leaving."""
    lobby = await _lock(session, lobby_id)
    participants = ParticipantRepository(session)
    if await participants.get(lobby.id, actor.user_id) is None:
        raise NotInLobbyError()
    if lobby.creator_id == actor.user_id:
        raise CreatorCannotLeaveError()
    _require_status(lobby, now, LobbyStatus.OPEN, LobbyStatus.FULL)
    await participants.remove(lobby.id, actor.user_id)
    lobby.participant_count -= 1
    await session.flush()
    event = LobbyLeft(
        lobby_id=lobby.id,
        creator_id=lobby.creator_id,
        user_id=actor.user_id,
        participant_count=lobby.participant_count,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return lobby


async def cancel_lobby(
    session: AsyncSession, actor: Principal, lobby_id: uuid.UUID, *, now: datetime
) -> Lobby:
    lobby = await _lock(session, lobby_id)
    if lobby.creator_id != actor.user_id:
        raise AccessDeniedError("Отменить лобби может только его создатель")
    _require_status(lobby, now, LobbyStatus.OPEN, LobbyStatus.FULL)
    lobby.cancelled_at = now
    await session.flush()
    members = await ParticipantRepository(session).of_lobbies([lobby.id])
    event = LobbyCancelled(
        lobby_id=lobby.id,
        creator_id=lobby.creator_id,
        participant_ids=[member.user_id for member in members],
        starts_at=lobby.starts_at,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return lobby


async def get_lobby(session: AsyncSession, viewer: Principal, lobby_id: uuid.UUID) -> Lobby | None:
    """Every signed-in user sees every lobby: finding strangers to play with is the point."""
    return await LobbyRepository(session).get(lobby_id)


async def find_lobbies(
    session: AsyncSession,
    viewer: Principal,
    *,
    sport_id: uuid.UUID | None,
    playground_id: uuid.UUID | None,
    near: Near | None,
    starts_from: datetime | None,
    starts_to: datetime | None,
    page: PageRequest,
    now: datetime,
) -> Page[Lobby]:
    """Lobbies not cancelled and not finished at ``now``, soonest first."""
    if near is not None:
        _check_near(near)
    where = LobbyFilter(
        now=now,
        sport_id=sport_id,
        playground_id=playground_id,
        near=near,
        starts_from=starts_from,
        starts_to=starts_to,
    )
    return await LobbyRepository(session).page(where, page)


async def participant_ids(session: AsyncSession, lobby_id: uuid.UUID) -> list[uuid.UUID]:
    """For notifications: everybody in the lobby, the creator first."""
    return [p.user_id for p in await ParticipantRepository(session).of_lobbies([lobby_id])]


def as_utc(moment: datetime) -> datetime:
    """Times without an offset are taken as UTC (the API speaks UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _check_near(near: Near) -> None:
    values = (near.latitude, near.longitude, near.radius_m)
    if not all(math.isfinite(value) for value in values):
        raise BadRequestError("Некорректные координаты поиска")
    if not (-90 <= near.latitude <= 90 and -180 <= near.longitude <= 180):
        raise BadRequestError("Некорректные координаты поиска")
    if not 0 < near.radius_m <= MAX_RADIUS_KM * 1000:
        raise BadRequestError(f"Радиус поиска должен быть больше 0 и не больше {MAX_RADIUS_KM} км")


async def _location(
    session: AsyncSession, actor: Principal, new: NewLobby, place: str | None, v: Validator
) -> Point | None:
    """An approved playground's coordinates, or a described place with its point."""
    if new.playground_id is not None:
        playground = await playgrounds.approved_for_action(session, actor, new.playground_id)
        return Point(playground.latitude, playground.longitude)
    if place is None:
        v.add("place", FieldCode.REQUIRED, "Укажите площадку или место")
    point = new.point
    if point is None:
        v.add("location", FieldCode.REQUIRED, "Укажите точку на карте")
        return None
    if not (
        math.isfinite(point.latitude)
        and math.isfinite(point.longitude)
        and -90 <= point.latitude <= 90
        and -180 <= point.longitude <= 180
    ):
        v.add("location", FieldCode.OUT_OF_RANGE, "Широта от -90 до 90, долгота от -180 до 180")
        return None
    return point


async def _lock(session: AsyncSession, lobby_id: uuid.UUID) -> Lobby:
    lobby = await LobbyRepository(session).get_for_update(lobby_id)
    if lobby is None:
        raise NotFoundError()
    return lobby


def _require_status(lobby: Lobby, now: datetime, *allowed: LobbyStatus) -> None:
    status = lobby.status_at(now)
    if status not in allowed:
        raise LobbyStatusError(status=status)
