from __future__ import annotations

from app.errors import DomainError


class TeamDisbandedError(DomainError):
    code = "TEAM_DISBANDED"
    default_message = "Команда распущена"


class TeamLimitReachedError(DomainError):
    code = "TEAM_LIMIT_REACHED"
    default_message = "Вы уже капитан максимального числа команд"


class TeamDisbandBlockedError(DomainError):
    """A disband guard objected; the message is the guard's reason."""

    code = "TEAM_DISBAND_BLOCKED"
    default_message = "Сейчас команду распустить нельзя"


class NotTeamMemberError(DomainError):
    code = "NOT_TEAM_MEMBER"
    default_message = "Этот пользователь не состоит в команде"


class AlreadyTeamMemberError(DomainError):
    code = "ALREADY_TEAM_MEMBER"
    default_message = "Пользователь уже состоит в команде"


class CaptainCannotLeaveError(DomainError):
    code = "CAPTAIN_CANNOT_LEAVE"
    default_message = "Капитан не может покинуть команду: передайте капитанство или распустите её"


class RosterFullError(DomainError):
    code = "ROSTER_FULL"
    default_message = "В команде нет свободных мест"


class ApplicationAlreadyPendingError(DomainError):
    code = "APPLICATION_ALREADY_PENDING"
    default_message = "Заявка в эту команду уже ждёт решения"


class InvitationAlreadyPendingError(DomainError):
    code = "INVITATION_ALREADY_PENDING"
    default_message = "Приглашение в эту команду уже ждёт ответа"


class ApplicationNotPendingError(DomainError):
    code = "APPLICATION_NOT_PENDING"
    default_message = "Заявка уже рассмотрена или отозвана"


class InvitationNotPendingError(DomainError):
    code = "INVITATION_NOT_PENDING"
    default_message = "На приглашение уже ответили или оно отменено"


class InvitationNotAllowedError(DomainError):
    code = "INVITATION_NOT_ALLOWED"
    default_message = "Пользователь не принимает приглашения в команды"
