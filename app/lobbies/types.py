from __future__ import annotations

from datetime import datetime

import strawberry

from app.graphql.context import Info
from app.graphql.ids import to_id
from app.lobbies import models
from app.lobbies.enums import LobbyKind, LobbyStatus
from app.playgrounds.types import Playground
from app.sports.types import Sport
from app.users.types import User


@strawberry.type(description="Участник лобби.")
class LobbyParticipant:
    joined_at: datetime
    model: strawberry.Private[models.LobbyParticipant]

    @strawberry.field
    async def user(self, info: Info) -> User:
        user = await info.context.loaders.user_by_id.load(self.model.user_id)
        if user is None:
            raise RuntimeError(f"dangling user reference {self.model.user_id}")
        return User.from_model(user)


@strawberry.type(description="Лобби «ищу игру»: сбор игроков на игру или тренировку.")
class Lobby:
    id: strawberry.ID
    kind: LobbyKind
    place: str | None = strawberry.field(description="Место словами, если не площадка.")
    latitude: float
    longitude: float
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    players_needed: int = strawberry.field(description="Сколько всего игроков, с создателем.")
    participant_count: int
    comment: str | None
    cancelled_at: datetime | None
    created_at: datetime
    model: strawberry.Private[models.Lobby]

    @classmethod
    def from_model(cls, lobby: models.Lobby) -> Lobby:
        return cls(
            id=to_id(lobby.id),
            kind=lobby.kind,
            place=lobby.place,
            latitude=lobby.latitude,
            longitude=lobby.longitude,
            starts_at=lobby.starts_at,
            ends_at=lobby.ends_at,
            duration_minutes=lobby.duration_minutes,
            players_needed=lobby.players_needed,
            participant_count=lobby.participant_count,
            comment=lobby.comment,
            cancelled_at=lobby.cancelled_at,
            created_at=lobby.created_at,
            model=lobby,
        )

    @strawberry.field(description="Вычисляется в момент запроса.")
    def status(self, info: Info) -> LobbyStatus:
        return self.model.status_at(info.context.now())

    @strawberry.field
    async def sport(self, info: Info) -> Sport:
        sport = await info.context.loaders.sport_by_id.load(self.model.sport_id)
        if sport is None:
            raise RuntimeError(f"dangling sport reference {self.model.sport_id}")
        return Sport.from_model(sport)

    @strawberry.field
    async def playground(self, info: Info) -> Playground | None:
        if self.model.playground_id is None:
            return None
        playground = await info.context.loaders.playground_by_id.load(self.model.playground_id)
        return Playground.from_model(playground) if playground else None

    @strawberry.field
    async def creator(self, info: Info) -> User:
        user = await info.context.loaders.user_by_id.load(self.model.creator_id)
        if user is None:
            raise RuntimeError(f"dangling user reference {self.model.creator_id}")
        return User.from_model(user)

    @strawberry.field(description="Участники по времени входа, создатель первым.")
    async def participants(self, info: Info) -> list[LobbyParticipant]:
        rows = await info.context.loaders.lobby_participants_by_lobby_id.load(self.model.id)
        return [LobbyParticipant(joined_at=row.joined_at, model=row) for row in rows]
