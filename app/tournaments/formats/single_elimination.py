"""Single elimination: 2..1024 participants, byes to the top seeds, optional third-place match.

The bracket has the next power of two of slots; seed positions follow the standard order
(1 v N, 2 v N-1, ... with seeds 1 and 2 in opposite halves), and the missing seeds are byes, so
the byes fall to the highest seeds and seeds 1 and 2 can meet only in the final.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.tournaments.formats.orderings import bracket_positions
from app.tournaments.formats.plan import (
    Bye,
    LoserOf,
    Plan,
    Seed,
    Slot,
    Source,
    Stage,
    WinnerOf,
    next_power_of_two,
    require_count,
)


def generate(n: int, *, third_place: bool = False) -> Plan:
    require_count(n)
    return Plan(participants=n, slots=tuple(bracket(seed_sources(n), third_place=third_place)))


def seed_sources(n: int, size: int | None = None) -> list[Source]:
    """Round-one sources in bracket order: seeds at their standard positions, byes elsewhere."""
    size = size or max(2, next_power_of_two(n))
    return [Seed(p - 1) if p <= n else Bye() for p in bracket_positions(size)]


def bracket(
    first_round: Sequence[Source],
    *,
    stage: Stage = Stage.WINNERS,
    prefix: str = "W",
    third_place: bool = False,
    third_place_key: str = "3P",
) -> list[Slot]:
    """The winners' tree over ``first_round`` (a power-of-two list of sources, in pairs)."""
    slots: list[Slot] = []
    sources = list(first_round)
    round_no = 1
    while len(sources) > 1:
        keys = [f"{prefix}{round_no}-{i + 1}" for i in range(len(sources) // 2)]
        for i, key in enumerate(keys):
            slots.append(Slot(key, stage, round_no, i + 1, sources[2 * i], sources[2 * i + 1]))
        sources = [WinnerOf(k) for k in keys]
        round_no += 1
    if third_place and round_no > 2:
        semis = [s.key for s in slots if s.round == round_no - 2]
        slots.append(
            Slot(third_place_key, Stage.THIRD_PLACE, 1, 1, LoserOf(semis[0]), LoserOf(semis[1]))
        )
    return slots


def map_seeds(slots: Sequence[Slot], source_of: Callable[[int], Source]) -> list[Slot]:
    """Replace every ``Seed(i)`` with ``source_of(i)`` (used by playoffs fed by groups)."""

    def swap(source: Source) -> Source:
        return source_of(source.index) if isinstance(source, Seed) else source

    return [
        Slot(s.key, s.stage, s.round, s.position, swap(s.home), swap(s.away), s.group, s.reset)
        for s in slots
    ]
