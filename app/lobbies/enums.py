"""GraphQL names of the lobbies domain's enums, registered before any type or input uses them."""

from __future__ import annotations

import strawberry

from app.lobbies.models import LobbyKind, LobbyStatus

strawberry.enum(LobbyKind, name="LobbyKind", description="Игра или тренировка.")
strawberry.enum(LobbyStatus, name="LobbyStatus", description="Состояние лобби сейчас.")

__all__ = ["LobbyKind", "LobbyStatus"]
