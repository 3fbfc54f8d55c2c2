"""Lobby events, keyed by the lobby id."""

from __future__ import annotations

import uuid
from datetime import datetime

from app.events import Event

TOPIC = "prodvor.lobbies"


class _LobbyEvent(Event):
    topic = TOPIC

    lobby_id: uuid.UUID
    creator_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.lobby_id)


class LobbyCreated(_LobbyEvent):
    type = "lobby.created"

    sport_id: uuid.UUID
    kind: str
    playground_id: uuid.UUID | None
    starts_at: datetime
    players_needed: int


class LobbyJoined(_LobbyEvent):
    type = "lobby.joined"

    user_id: uuid.UUID
    participant_count: int
    players_needed: int
    became_full: bool
    starts_at: datetime


class LobbyLeft(_LobbyEvent):
    type = "lobby.left"

    user_id: uuid.UUID
    participant_count: int


class LobbyCancelled(_LobbyEvent):
    type = "lobby.cancelled"

    participant_ids: list[uuid.UUID]
    """Everybody in the lobby when it was cancelled, the creator included."""
    starts_at: datetime
