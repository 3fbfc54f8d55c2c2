from __future__ import annotations

from app.errors import DomainError


class MessagingNotAllowedError(DomainError):
    code = "MESSAGING_NOT_ALLOWED"
    default_message = "Пользователь не принимает от вас личные сообщения"


class ChatClosedError(DomainError):
    code = "CHAT_CLOSED"
    default_message = "Чат закрыт: новые сообщения и правки не принимаются"


class ChatMessageDeletedError(DomainError):
    code = "CHAT_MESSAGE_DELETED"
    default_message = "Сообщение удалено"
