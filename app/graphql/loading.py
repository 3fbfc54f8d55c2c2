"""Resolvers that stay synchronous when the operation has already loaded what they need.

graphql-core completes a field inline when its resolver returns a value, but awaits every
awaitable of an object or list through an asyncio task. On pages of a few hundred related
objects, those tasks and the coroutines of ``async def`` resolvers cost more CPU than the SQL.
So a resolver of a related object returns ``known_or_load(loader, key)``: the value itself
when the operation's loader already holds it, the pending load otherwise. A parent that knows
what its children will ask for loads it first, in one batch (``selects`` tells it what the
query selected); without such a parent the children simply load as before.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

from strawberry.dataloader import DataLoader
from strawberry.types.nodes import SelectedField, Selection
from strawberry.utils.await_maybe import AwaitableOrValue

from app.graphql.context import Info

K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")
M = TypeVar("M")


def known_or_load(loader: DataLoader[K, V], key: K) -> AwaitableOrValue[V]:
    future = loader.cache_map.get(key)
    if future is None or not future.done() or future.cancelled() or future.exception():
        return loader.load(key)
    return future.result()


def then(value: AwaitableOrValue[V], build: Callable[[V], R]) -> AwaitableOrValue[R]:
    """``build(value)``, now if the value is here, else once it has loaded."""
    if inspect.isawaitable(value):
        return _later(value, build)
    return build(value)


async def _later(value: Awaitable[V], build: Callable[[V], R]) -> R:
    return build(await value)


def known(loader: DataLoader[K, M | None], key: K, build: Callable[[M], R]) -> AwaitableOrValue[R]:
    """``build`` of the row at ``key``, which a foreign key guarantees: a miss is a bug."""

    def checked(row: M | None) -> R:
        if row is None:
            raise RuntimeError(f"dangling reference {key!r}")
        return build(row)

    return then(known_or_load(loader, key), checked)


def known_if_any(
    loader: DataLoader[K, M | None], key: K, build: Callable[[M], R]
) -> AwaitableOrValue[R | None]:
    """``build`` of the row at ``key``, or ``None`` when there is none."""
    return then(known_or_load(loader, key), lambda row: None if row is None else build(row))


def selects(info: Info, *paths: str) -> bool:
    """Whether the current field's selection asks for any of ``paths`` ("user.xp" reaches
    into ``user``), through fragments."""
    return any(
        _selects(field.selections, path.split("."))
        for field in info.selected_fields
        for path in paths
    )


def _selects(selections: Iterable[Selection], path: list[str]) -> bool:
    for selection in selections:
        if not isinstance(selection, SelectedField):
            if _selects(selection.selections, path):
                return True
        elif selection.name == path[0] and (
            len(path) == 1 or _selects(selection.selections, path[1:])
        ):
            return True
    return False
