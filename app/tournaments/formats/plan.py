"""The shape every bracket format produces: match slots whose participants come from sources.

A plan is generated once from the participant count (participants are 0-based seed indices:
index 0 is the first seed). A slot's two sides name where their participants come from — a
seed, a bye, the winner or loser of another slot, or a place in a group — so the whole bracket
exists before a ball is kicked and ``resolve`` fills it in from the outcomes recorded so far.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal


class FormatError(ValueError):
    """Settings that no bracket can be built from (for example fewer than two participants)."""


Side = Literal["home", "away"]


@dataclass(frozen=True, slots=True)
class Seed:
    index: int


@dataclass(frozen=True, slots=True)
class Bye:
    pass


@dataclass(frozen=True, slots=True)
class WinnerOf:
    key: str


@dataclass(frozen=True, slots=True)
class LoserOf:
    key: str


@dataclass(frozen=True, slots=True)
class GroupPlace:
    group: int
    place: int  # 1-based


Source = Seed | Bye | WinnerOf | LoserOf | GroupPlace


class Stage(StrEnum):
    WINNERS = "WINNERS"
    LOSERS = "LOSERS"
    GRAND_FINAL = "GRAND_FINAL"
    THIRD_PLACE = "THIRD_PLACE"
    ROUND_ROBIN = "ROUND_ROBIN"
    GROUP = "GROUP"
    PLAYOFF = "PLAYOFF"
    SWISS = "SWISS"


ELIMINATING_STAGES = frozenset({Stage.WINNERS, Stage.LOSERS, Stage.GRAND_FINAL, Stage.PLAYOFF})


@dataclass(frozen=True, slots=True)
class Slot:
    """One match of a plan. ``reset`` marks a grand-final replay, played only when the away
    (losers-bracket) side wins the first grand final."""

    key: str
    stage: Stage
    round: int
    position: int
    home: Source
    away: Source
    group: int | None = None
    reset: bool = False

    @property
    def decided_by_winner(self) -> bool:
        return self.stage not in (Stage.ROUND_ROBIN, Stage.GROUP, Stage.SWISS)


@dataclass(frozen=True, slots=True)
class Plan:
    """A generated bracket. ``groups`` lists each group's members (seed indices), ``byes``
    the participants sitting out each round-robin round (keyed ``(group, round)``)."""

    participants: int
    slots: tuple[Slot, ...]
    groups: tuple[tuple[int, ...], ...] = ()
    byes: dict[tuple[int, int], int] = field(default_factory=dict)

    def slot(self, key: str) -> Slot:
        return self._index()[key]

    def _index(self) -> dict[str, Slot]:
        return {s.key: s for s in self.slots}


@dataclass(frozen=True, slots=True)
class Outcome:
    """A confirmed result. ``winner`` is None for a draw (only in table formats)."""

    home_score: int
    away_score: int
    winner: Side | None

    @staticmethod
    def of(home_score: int, away_score: int, winner: Side | None = None) -> Outcome:
        if winner is None and home_score != away_score:
            winner = "home" if home_score > away_score else "away"
        return Outcome(home_score, away_score, winner)


def next_power_of_two(n: int) -> int:
    size = 1
    while size < n:
        size *= 2
    return size


def require_count(n: int, minimum: int = 2, maximum: int = 1024) -> None:
    if not minimum <= n <= maximum:
        raise FormatError(f"participant count {n} is outside {minimum}..{maximum}")
