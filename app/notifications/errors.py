from __future__ import annotations

from app.errors import DomainError


class PushUnavailableError(DomainError):
    code = "PUSH_UNAVAILABLE"
    default_message = "Push-уведомления на сервере не настроены"


class InvalidUnsubscribeLinkError(DomainError):
    code = "INVALID_UNSUBSCRIBE_LINK"
    default_message = "Ссылка для отписки недействительна"


class SendError(Exception):
    """Email or push could not be handed over. Not a user-facing error.

    ``permanent`` means retrying cannot help (the address or subscription is refused);
    ``gone`` means the push subscription no longer exists and must be forgotten.
    """

    def __init__(self, message: str, *, permanent: bool, gone: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.gone = gone
