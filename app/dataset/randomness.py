"""Deterministic choices: one ``random.Random`` per dataset, seeded by the run's seed."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TypeVar

T = TypeVar("T")


class Source:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.random.getrandbits(128), version=4)

    def pick(self, items: Sequence[T]) -> T:
        return items[self.random.randrange(len(items))]

    def sample(self, items: Sequence[T], k: int) -> list[T]:
        return self.random.sample(list(items), min(k, len(items)))

    def between(self, low: int, high: int) -> int:
        """An integer in [low, high]."""
        return self.random.randint(low, high)

    def chance(self, p: float) -> bool:
        return self.random.random() < p

    def goals(self, mean: float) -> int:
        """A small Poisson-like count (a sum of Bernoulli trials)."""
        return sum(self.random.random() < mean / 8 for _ in range(8))

    def moment(self, start: datetime, end: datetime) -> datetime:
        """A moment in [start, end), to the second."""
        span = int((end - start).total_seconds())
        return start + timedelta(seconds=self.random.randrange(max(span, 1)))

    def offset(self, spread: float) -> float:
        return self.random.uniform(-spread, spread)
