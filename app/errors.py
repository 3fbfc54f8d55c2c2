"""Domain exceptions shared by every domain. Services raise these, never GraphQL errors.

Each carries a stable machine ``code`` and a Russian ``message`` for people. Extra fields that
the matching GraphQL error type exposes go in ``payload``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar


class DomainError(Exception):
    code: ClassVar[str] = "DOMAIN_ERROR"
    default_message: ClassVar[str] = "Операция не выполнена"
    keeps_changes: ClassVar[bool] = False
    """Whether a mutation's writes stand although it answers with this error: the refusal
    itself settled something that must not be undone (a deadline that passed and was applied
    on the spot). Every other error rolls the mutation back."""

    def __init__(self, message: str | None = None, **payload: Any) -> None:
        self.message = message or self.default_message
        self.payload = payload
        super().__init__(self.message)

    def extensions(self) -> dict[str, Any]:
        """Extra ``extensions`` entries when this error surfaces as a top-level GraphQL error."""
        return {}


class NotFoundError(DomainError):
    """The object does not exist or the caller may not see it (we do not tell which)."""

    code = "NOT_FOUND"
    default_message = "Объект не найден"


class AccessDeniedError(DomainError):
    """The caller may see the object but not do this to it. Becomes a top-level FORBIDDEN."""

    code = "FORBIDDEN"
    default_message = "Недостаточно прав для этого действия"


class BadRequestError(DomainError):
    """Malformed arguments outside any mutation's own error union (paging, ids)."""

    code = "BAD_USER_INPUT"
    default_message = "Некорректный запрос"


class ConflictError(DomainError):
    """The object changed under us; retrying may succeed."""

    code = "CONFLICT"
    default_message = "Объект был изменён другим запросом, попробуйте ещё раз"


class FieldCode(StrEnum):
    REQUIRED = "REQUIRED"
    TOO_SHORT = "TOO_SHORT"
    TOO_LONG = "TOO_LONG"
    INVALID_FORMAT = "INVALID_FORMAT"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    NOT_ALLOWED = "NOT_ALLOWED"
    NOT_FOUND = "NOT_FOUND"
    DUPLICATE = "DUPLICATE"


@dataclass(frozen=True, slots=True)
class FieldIssue:
    path: str
    code: FieldCode
    message: str


class ValidationError(DomainError):
    code = "VALIDATION_FAILED"
    default_message = "Проверьте введённые данные"

    def __init__(self, issues: list[FieldIssue]) -> None:
        super().__init__()
        self.issues = issues
