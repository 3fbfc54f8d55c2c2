"""Typed mutation errors: the ``UserError`` interface and the exception-to-type mapping.

A GraphQL error type is bound to the domain exception it represents with ``@maps``. The schema
turns every binding into a Strawberry ``ExceptionHandler``, so a service raising the exception
inside a mutation whose result union lists the type returns that member instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import strawberry
from strawberry.schema.exception_handlers import ExceptionHandler
from strawberry.types.field import StrawberryField
from strawberry.types.info import Info

from app.errors import (
    DomainError,
    FieldCode,
    NotFoundError,
    ValidationError,
)

T = TypeVar("T")

_BINDINGS: list[tuple[type[DomainError], type]] = []


def maps(exception: type[DomainError]) -> Callable[[type[T]], type[T]]:
    """Bind a GraphQL error type to the domain exception it stands for."""

    def register(cls: type[T]) -> type[T]:
        _BINDINGS.append((exception, cls))
        return cls

    return register


@strawberry.interface(description="Ошибка, которую клиент может показать пользователю.")
class UserError:
    code: str = strawberry.field(description="Стабильный машинный код ошибки.")
    message: str = strawberry.field(description="Сообщение для человека, по-русски.")


strawberry.enum(FieldCode, name="FieldErrorCode")


@strawberry.type
class FieldError:
    path: str = strawberry.field(
        description="Путь к полю ввода через точку, например `contacts.telegram`."
    )
    code: FieldCode
    message: str


@maps(ValidationError)
@strawberry.type
class ValidationFailed(UserError):
    fields: list[FieldError]


@maps(NotFoundError)
@strawberry.type
class NotFound(UserError):
    pass


def _build(error_type: type, exc: DomainError) -> Any:
    if isinstance(exc, ValidationError):
        fields = [FieldError(path=i.path, code=i.code, message=i.message) for i in exc.issues]
        return ValidationFailed(code=exc.code, message=exc.message, fields=fields)
    return error_type(code=exc.code, message=exc.message, **exc.payload)


class _BoundHandler(ExceptionHandler):  # type: ignore[type-arg]  # types are per instance
    def __init__(self, exception: type[DomainError], error_type: type) -> None:
        self.exception_type = exception
        self.error_type = error_type

    def handle(self, exception: Any, *, field: StrawberryField, info: Info) -> Any:
        return _build(self.error_type, exception)


def as_user_error(exc: DomainError) -> Any | None:
    """The GraphQL error type instance bound to ``exc`` (for subscriptions), if any."""
    for exception, error_type in sorted(_BINDINGS, key=lambda b: len(b[0].__mro__), reverse=True):
        if isinstance(exc, exception):
            return _build(error_type, exc)
    return None


def exception_handlers() -> list[ExceptionHandler[Any, Any]]:
    """Most specific exceptions first, since a handler also matches subclasses."""
    ordered = sorted(_BINDINGS, key=lambda binding: len(binding[0].__mro__), reverse=True)
    return [_BoundHandler(exception, error_type) for exception, error_type in ordered]
