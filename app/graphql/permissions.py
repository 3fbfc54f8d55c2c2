"""Root-field permissions. Every root field declares one; ``tests/test_schema.py`` checks it.

Object-level rules (is this user the captain of that team?) live in services, which raise
``AccessDeniedError``; the classes here only say who may call a field at all.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from app.auth.roles import Role


class IsAuthenticated(BasePermission):
    message = "Требуется вход в систему"
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012 - strawberry reads it per class

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.principal is not None


@cache
def has_any_role(*roles: Role) -> type[BasePermission]:
    """A permission class admitting callers holding one of ``roles``.

    Use after ``IsAuthenticated`` so that anonymous callers get UNAUTHENTICATED, not FORBIDDEN.
    """

    class HasAnyRole(BasePermission):
        message = "Недостаточно прав для этого действия"
        error_extensions = {"code": "FORBIDDEN"}  # noqa: RUF012 - strawberry reads it per class
        required = roles

        def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
            principal = info.context.principal
            return principal is not None and principal.has_any_role(*roles)

    HasAnyRole.__name__ = "HasAnyRole_" + "_".join(roles)
    return HasAnyRole


def authenticated() -> list[type[BasePermission]]:
    return [IsAuthenticated]


def staff_only() -> list[type[BasePermission]]:
    return [IsAuthenticated, has_any_role(Role.MODERATOR, Role.ADMINISTRATOR)]


def roles(*required: Role) -> list[type[BasePermission]]:
    return [IsAuthenticated, has_any_role(*required)]
