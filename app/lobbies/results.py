"""Mutation payloads and typed errors of lobbies."""

from __future__ import annotations

import strawberry

from app.graphql.errors import UserError, maps
from app.lobbies.enums import LobbyStatus
from app.lobbies.errors import (
    AlreadyInLobbyError,
    CreatorCannotLeaveError,
    LobbyFullError,
    LobbyStatusError,
    NotInLobbyError,
)
from app.lobbies.types import Lobby


@strawberry.type
class LobbyPayload:
    lobby: Lobby


@maps(LobbyStatusError)
@strawberry.type
class WrongLobbyStatus(UserError):
    status: LobbyStatus


@maps(LobbyFullError)
@strawberry.type
class LobbyFull(UserError):
    pass


@maps(AlreadyInLobbyError)
@strawberry.type
class AlreadyInLobby(UserError):
    pass


@maps(NotInLobbyError)
@strawberry.type
class NotInLobby(UserError):
    pass


@maps(CreatorCannotLeaveError)
@strawberry.type
class CreatorCannotLeave(UserError):
    pass
