from __future__ import annotations

from app.errors import DomainError


class PlaygroundNotPendingError(DomainError):
    code = "PLAYGROUND_NOT_PENDING"
    default_message = "Площадка уже прошла модерацию"


class PlaygroundNotApprovedError(DomainError):
    code = "PLAYGROUND_NOT_APPROVED"
    default_message = "Площадка ещё не одобрена модератором"


class AlreadyCheckedInError(DomainError):
    code = "ALREADY_CHECKED_IN"
    default_message = "Вы уже отмечались на этой площадке сегодня"


class TooFarToCheckInError(DomainError):
    code = "TOO_FAR_TO_CHECK_IN"
    default_message = "Вы слишком далеко от площадки, чтобы отметиться"


class ReportAlreadyResolvedError(DomainError):
    code = "REPORT_ALREADY_RESOLVED"
    default_message = "Сообщение о состоянии площадки уже закрыто"
