from __future__ import annotations

from app.errors import DomainError


class TournamentStateError(DomainError):
    """The tournament is not in a state that allows this; ``status`` is its current state."""

    code = "TOURNAMENT_STATE"
    default_message = "Сейчас это действие с турниром недоступно"


class RegistrationClosedError(DomainError):
    code = "REGISTRATION_CLOSED"
    default_message = "Регистрация на турнир закрыта"


class TournamentFullError(DomainError):
    code = "TOURNAMENT_FULL"
    default_message = "В турнире нет свободных мест"


class AlreadyRegisteredError(DomainError):
    code = "ALREADY_REGISTERED"
    default_message = "Команда уже подала заявку на этот турнир"


class RequirementsNotMetError(DomainError):
    """The team or its roster does not meet a requirement; ``requirement`` names which."""

    code = "REQUIREMENTS_NOT_MET"
    default_message = "Команда не подходит под требования турнира"


class PlayerAlreadyEnteredError(DomainError):
    """A roster player already plays for another team in this tournament."""

    code = "PLAYER_ALREADY_ENTERED"
    default_message = "Игрок уже заявлен в этом турнире за другую команду"


class ApplicationNotPendingError(DomainError):
    code = "TOURNAMENT_APPLICATION_NOT_PENDING"
    default_message = "Заявка уже рассмотрена"


class NotEnoughParticipantsError(DomainError):
    code = "NOT_ENOUGH_PARTICIPANTS"
    default_message = "Для старта нужно больше участников"


class JudgeAlreadyAssignedError(DomainError):
    code = "JUDGE_ALREADY_ASSIGNED"
    default_message = "Этот судья уже назначен"
