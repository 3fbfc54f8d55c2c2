from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.lobbies.models import Lobby, LobbyParticipant
from app.pagination import Page, PageRequest, SortKey, build_page, keyset
from app.playgrounds import geo

BY_START = (SortKey(Lobby.starts_at, datetime), SortKey(Lobby.id, uuid.UUID))


@dataclass(frozen=True, slots=True)
class Near:
    latitude: float
    longitude: float
    radius_m: float


@dataclass(frozen=True, slots=True)
class LobbyFilter:
    """Not cancelled, ending after ``now``, starting in [``starts_from``, ``starts_to``)."""

    now: datetime
    sport_id: uuid.UUID | None = None
    playground_id: uuid.UUID | None = None
    near: Near | None = None
    starts_from: datetime | None = None
    starts_to: datetime | None = None


class LobbyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, lobby: Lobby) -> Lobby:
        self.session.add(lobby)
        await self.session.flush()
        return lobby

    async def get(self, lobby_id: uuid.UUID) -> Lobby | None:
        return await self.session.get(Lobby, lobby_id)

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[Lobby]:
        return list((await self.session.scalars(select(Lobby).where(Lobby.id.in_(ids)))).all())

    async def get_for_update(self, lobby_id: uuid.UUID) -> Lobby | None:
        return await self.session.get(Lobby, lobby_id, with_for_update=True, populate_existing=True)

    async def page(self, where: LobbyFilter, request: PageRequest) -> Page[Lobby]:
        stmt = select(Lobby).where(Lobby.cancelled_at.is_(None), Lobby.ends_at > where.now)
        if where.sport_id is not None:
            stmt = stmt.where(Lobby.sport_id == where.sport_id)
        if where.playground_id is not None:
            stmt = stmt.where(Lobby.playground_id == where.playground_id)
        if where.starts_from is not None:
            stmt = stmt.where(Lobby.starts_at >= where.starts_from)
        if where.starts_to is not None:
            stmt = stmt.where(Lobby.starts_at < where.starts_to)
        if where.near is not None:
            near = where.near
            boxes = geo.bounding_boxes(near.latitude, near.longitude, near.radius_m)
            distance = geo.distance_sql(
                Lobby.latitude, Lobby.longitude, near.latitude, near.longitude
            )
            point = geo.location(Lobby.latitude, Lobby.longitude)
            stmt = stmt.where(geo.within_boxes(point, boxes), distance <= near.radius_m)
        rows = (await self.session.scalars(keyset(stmt, BY_START, request))).all()
        return build_page(rows, request, lambda lobby: (lobby.starts_at, lobby.id))


class ParticipantRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, participant: LobbyParticipant) -> None:
        self.session.add(participant)
        await self.session.flush()

    async def get(self, lobby_id: uuid.UUID, user_id: uuid.UUID) -> LobbyParticipant | None:
        return await self.session.get(LobbyParticipant, (lobby_id, user_id))

    async def remove(self, lobby_id: uuid.UUID, user_id: uuid.UUID) -> None:
        await self.session.execute(
            delete(LobbyParticipant).where(
                LobbyParticipant.lobby_id == lobby_id, LobbyParticipant.user_id == user_id
            )
        )

    async def of_lobbies(self, lobby_ids: Sequence[uuid.UUID]) -> list[LobbyParticipant]:
        stmt = (
            select(LobbyParticipant)
            .where(LobbyParticipant.lobby_id.in_(lobby_ids))
            .order_by(
                LobbyParticipant.lobby_id, LobbyParticipant.joined_at, LobbyParticipant.user_id
            )
        )
        return list((await self.session.scalars(stmt)).all())
