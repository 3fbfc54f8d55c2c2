"""Field constructors that apply the project's conventions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry
from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission

from app.graphql.extensions import Savepoint
from app.graphql.ratelimit import Throttle
from app.ratelimit.service import RatePolicy


def mutation(
    *,
    permission_classes: Sequence[type[BasePermission]],
    description: str | None = None,
    rate_limits: Sequence[RatePolicy] = (),
) -> Any:
    """A root mutation that runs in its own savepoint (see ``Savepoint``).

    ``rate_limits`` are counted before the savepoint; list ``RateLimited`` in the result union.
    """
    extensions: list[FieldExtension] = [Throttle(*rate_limits)] if rate_limits else []
    return strawberry.mutation(
        permission_classes=list(permission_classes),
        extensions=[*extensions, Savepoint()],
        description=description,
    )
