"""Seed orderings (the same names and definitions as brackets-manager's ``ordering``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def natural(items: Sequence[T]) -> list[T]:
    return list(items)


def reverse(items: Sequence[T]) -> list[T]:
    return list(reversed(items))


def half_shift(items: Sequence[T]) -> list[T]:
    half = len(items) // 2
    return [*items[half:], *items[:half]]


def reverse_half_shift(items: Sequence[T]) -> list[T]:
    half = len(items) // 2
    return [*reversed(items[:half]), *reversed(items[half:])]


def pair_flip(items: Sequence[T]) -> list[T]:
    out: list[T] = []
    for i in range(0, len(items) - 1, 2):
        out += [items[i + 1], items[i]]
    return out


def bracket_positions(size: int) -> list[int]:
    """Standard seeding positions (1-based): 1 v size, and seeds 1 and 2 in opposite halves."""
    positions = [1, 2] if size >= 2 else [1]
    while len(positions) < size:
        mirror = len(positions) * 2 + 1
        positions = [p for pos in positions for p in (pos, mirror - pos)]
    return positions


def inner_outer(items: Sequence[T]) -> list[T]:
    if len(items) <= 2:
        return list(items)
    return [items[p - 1] for p in bracket_positions(len(items))]


Ordering = Callable[[Sequence[T]], list[T]]
