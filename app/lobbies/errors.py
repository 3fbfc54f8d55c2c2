from __future__ import annotations

from app.errors import DomainError


class LobbyStatusError(DomainError):
    """The lobby has started, finished or was cancelled (payload: ``status``)."""

    code = "LOBBY_STATUS"
    default_message = "В этом состоянии лобби так сделать нельзя"


class LobbyFullError(DomainError):
    code = "LOBBY_FULL"
    default_message = "В лобби уже набрано нужное число игроков"


class AlreadyInLobbyError(DomainError):
    code = "ALREADY_IN_LOBBY"
    default_message = "Вы уже в этом лобби"


class NotInLobbyError(DomainError):
    code = "NOT_IN_LOBBY"
    default_message = "Вы не участвуете в этом лобби"


class CreatorCannotLeaveError(DomainError):
    code = "CREATOR_CANNOT_LEAVE"
    default_message = "Создатель не может выйти из лобби: отмените его"
