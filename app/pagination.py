"""Keyset (cursor) pagination for repositories. No GraphQL here.

A cursor is the sort key of the last row seen, encoded opaquely. Keyset pages stay fast at any
depth and are stable under concurrent inserts, unlike OFFSET.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import BindParameter, ColumnElement, Integer, Select, and_, bindparam, or_, tuple_
from sqlalchemy.orm import QueryableAttribute

from app.errors import BadRequestError

T = TypeVar("T")
S = TypeVar("S", bound=Select[*tuple[Any, ...]])
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

CursorValue = str | int | float | uuid.UUID | datetime | None


@dataclass(frozen=True, slots=True)
class PageRequest:
    first: int = DEFAULT_PAGE_SIZE
    after: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.first <= MAX_PAGE_SIZE:
            raise BadRequestError(f"Параметр first должен быть от 1 до {MAX_PAGE_SIZE}")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool


@dataclass(frozen=True, slots=True)
class SortKey:
    """One column of a keyset ordering; ``kind`` tells how to decode it from a cursor."""

    column: ColumnElement[Any] | QueryableAttribute[Any]
    kind: type
    descending: bool = False

    @property
    def ordered(self) -> Any:
        return self.column.desc() if self.descending else self.column.asc()


def encode_cursor(values: Sequence[CursorValue]) -> str:
    raw = json.dumps([_dump(value) for value in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, keys: Sequence[SortKey]) -> list[CursorValue]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(raw, list) or len(raw) != len(keys):
            raise ValueError("wrong arity")
        return [_load(value, key.kind) for value, key in zip(raw, keys, strict=True)]
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise BadRequestError("Некорректный курсор постраничной навигации") from exc


def _dump(value: CursorValue) -> Any:
    if isinstance(value, uuid.UUID | datetime):
        return value.isoformat() if isinstance(value, datetime) else str(value)
    return value


def _load(value: Any, kind: type) -> CursorValue:
    if value is None:
        return None
    if kind is uuid.UUID:
        return uuid.UUID(str(value))
    if kind is datetime:
        return datetime.fromisoformat(str(value))
    if kind in (int, float, str):
        return kind(value)
    raise TypeError(f"unsupported cursor kind {kind}")


def after_condition(
    keys: Sequence[SortKey], values: Sequence[CursorValue | BindParameter[Any]]
) -> ColumnElement[bool]:
    """Rows strictly after ``values`` in the ordering of ``keys``."""
    if all(key.descending == keys[0].descending for key in keys):
        row = tuple_(*(key.column for key in keys))
        bound = tuple_(*values)
        return row < bound if keys[0].descending else row > bound
    clauses = []
    for i, key in enumerate(keys):
        equal_prefix = [keys[j].column == values[j] for j in range(i)]
        beyond = key.column < values[i] if key.descending else key.column > values[i]
        clauses.append(and_(*equal_prefix, beyond))
    return or_(*clauses)


def keyset(stmt: S, keys: Sequence[SortKey], page: PageRequest) -> S:
    """Apply the cursor, ordering and a limit one past the page to detect a next page."""
    if page.after is not None:
        stmt = stmt.where(after_condition(keys, decode_cursor(page.after, keys)))
    return stmt.order_by(*(key.ordered for key in keys)).limit(page.first + 1)


@dataclass(frozen=True, slots=True)
class Keyset(Generic[S]):
    """A keyset-paged statement built once, for hot pages.

    Building a statement and its cache key costs more than running a simple one; here the
    cursor values, the limit and the caller's own parameters are bound at execution instead.
    Sort columns must not be NULL (a bound NULL compares unlike a literal one).
    """

    keys: tuple[SortKey, ...]
    first_page: S
    next_page: S

    @classmethod
    def of(cls, stmt: S, keys: Sequence[SortKey]) -> Keyset[S]:
        after = [bindparam(f"after_{i}", type_=key.column.type) for i, key in enumerate(keys)]
        ordered = [key.ordered for key in keys]
        limit = bindparam("page_limit", type_=Integer)
        return cls(
            keys=tuple(keys),
            first_page=stmt.order_by(*ordered).limit(limit),
            next_page=stmt.where(after_condition(keys, after)).order_by(*ordered).limit(limit),
        )

    def page(self, page: PageRequest, params: dict[str, Any]) -> tuple[S, dict[str, Any]]:
        """The statement for ``page`` and its parameters (``params`` plus the page's own)."""
        bound = {**params, "page_limit": page.first + 1}
        if page.after is None:
            return self.first_page, bound
        values = decode_cursor(page.after, self.keys)
        bound.update((f"after_{i}", value) for i, value in enumerate(values))
        return self.next_page, bound


def build_page(
    rows: Sequence[T], page: PageRequest, key_of: Callable[[T], Sequence[CursorValue]]
) -> Page[T]:
    items = list(rows[: page.first])
    return Page(
        items=items,
        cursors=[encode_cursor(key_of(item)) for item in items],
        has_next_page=len(rows) > page.first,
        has_previous_page=page.after is not None,
    )
