from __future__ import annotations

import uuid

import strawberry

from app.errors import NotFoundError


def parse_id(value: str) -> uuid.UUID | None:
    """A UUID from a GraphQL ID, or ``None`` if it cannot be one (then nothing has that id)."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def require_id(value: str) -> uuid.UUID:
    """For mutation inputs: a malformed id names nothing, so it is a ``NotFound``."""
    parsed = parse_id(value)
    if parsed is None:
        raise NotFoundError()
    return parsed


def to_id(value: uuid.UUID) -> strawberry.ID:
    return strawberry.ID(str(value))
