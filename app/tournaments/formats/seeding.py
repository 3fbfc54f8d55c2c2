"""Seeding: the order in which entrants become seeds 1..n.

By rating (highest first, ties by entrant key so the order is total), by a manual order the
organizer gives, or shuffled with a recorded integer seed so the draw can be replayed.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from app.tournaments.formats.plan import FormatError

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Rated:
    key: str
    rating: float


def by_rating(entrants: Sequence[Rated]) -> list[str]:
    return [e.key for e in sorted(entrants, key=lambda e: (-e.rating, e.key))]


def manual(entrants: Sequence[str], order: Sequence[str]) -> list[str]:
    if sorted(order) != sorted(entrants) or len(set(order)) != len(order):
        raise FormatError("a manual seeding must list every entrant exactly once")
    return list(order)


def shuffled(entrants: Sequence[str], seed: int) -> list[str]:
    """A random draw that the same ``seed`` reproduces whatever order ``entrants`` came in."""
    order = sorted(entrants)
    random.Random(seed).shuffle(order)
    return order
