from __future__ import annotations

from datetime import datetime

import strawberry

from app.graphql.ids import parse_id, require_id
from app.lobbies import service
from app.lobbies.enums import LobbyKind
from app.lobbies.repository import Near


@strawberry.input(description="Точка на карте.")
class LobbyPointInput:
    latitude: float
    longitude: float


@strawberry.input(description="Круг поиска: центр и радиус.")
class NearInput:
    lat: float
    lon: float
    radius_km: float = strawberry.field(description="Радиус, км (до 200).")

    def to_near(self) -> Near:
        return Near(latitude=self.lat, longitude=self.lon, radius_m=self.radius_km * 1000)


@strawberry.input
class CreateLobbyInput:
    kind: LobbyKind
    sport_id: strawberry.ID
    starts_at: datetime
    duration_minutes: int = strawberry.field(description="От 30 до 240 минут.")
    players_needed: int = strawberry.field(description="Сколько всего игроков, с вами: 2–22.")
    playground_id: strawberry.ID | None = strawberry.field(
        default=None, description="Одобренная площадка; иначе place и location."
    )
    place: str | None = strawberry.field(default=None, description="Место словами.")
    location: LobbyPointInput | None = None
    comment: str | None = strawberry.field(default=None, description="До 200 символов.")

    def to_fields(self) -> service.NewLobby:
        point = self.location
        return service.NewLobby(
            kind=self.kind,
            sport_id=parse_id(self.sport_id),
            playground_id=require_id(self.playground_id) if self.playground_id else None,
            place=self.place,
            point=service.Point(point.latitude, point.longitude) if point else None,
            starts_at=service.as_utc(self.starts_at),
            duration_minutes=self.duration_minutes,
            players_needed=self.players_needed,
            comment=self.comment,
        )


@strawberry.input
class JoinLobbyInput:
    lobby_id: strawberry.ID


@strawberry.input
class LeaveLobbyInput:
    lobby_id: strawberry.ID


@strawberry.input
class CancelLobbyInput:
    lobby_id: strawberry.ID
