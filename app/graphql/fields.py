"""Field constructors that apply the project's conventions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry
from strawberry.permission import BasePermission

from app.graphql.extensions import Savepoint


def mutation(
    *, permission_classes: Sequence[type[BasePermission]], description: str | None = None
) -> Any:
    """A root mutation that runs in its own savepoint (see ``Savepoint``)."""
    return strawberry.mutation(
        permission_classes=list(permission_classes),
        extensions=[Savepoint()],
        description=description,
    )
