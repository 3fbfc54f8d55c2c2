"""PostgreSQL's JSONB containment (``@>``) in Python, for catalogues matched in memory.

Quest and achievement ``filters`` are matched against an activity's attributes as the database
would match ``filters <@ attributes``: objects contain objects key by key, arrays contain
arrays element by element (order and repeats do not matter), scalars must be equal and of the
same JSON type (``1`` is not ``"1"`` nor ``true``). PostgreSQL's one exception, a top-level
array containing a bare scalar, does not arise for objects and is not modelled.
"""

from __future__ import annotations

from typing import Any


def contains(container: Any, contained: Any) -> bool:
    """``container @> contained`` for JSON values (as ``json.loads`` returns them)."""
    if isinstance(contained, dict):
        return isinstance(container, dict) and all(
            key in container and contains(container[key], value) for key, value in contained.items()
        )
    if isinstance(contained, list):
        return isinstance(container, list) and all(
            any(contains(item, wanted) for item in container) for wanted in contained
        )
    return _kind(container) == _kind(contained) and container == contained


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dict | list):
        return "container"
    return type(value).__name__
