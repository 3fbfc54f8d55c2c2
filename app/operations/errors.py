from __future__ import annotations

from app.errors import DomainError


class PersistedOperationNotFoundError(DomainError):
    """Apollo clients look for this code (and message) to fall back to sending the text."""

    code = "PERSISTED_QUERY_NOT_FOUND"
    default_message = "PersistedQueryNotFound"


class PersistedOperationRequiredError(DomainError):
    code = "PERSISTED_QUERY_REQUIRED"
    default_message = "Разрешены только зарегистрированные операции"


class ManifestError(DomainError):
    code = "INVALID_MANIFEST"
    default_message = "Некорректный файл операций"
