"""Groups, then a single-elimination playoff.

Seeds go into groups by snake order (1..g, then g..1, ...; brackets-manager's
``groups.seed_optimized``), each group plays a round robin, and the top ``advance`` of every
group enter a playoff. Playoff seeds are place-major (all group winners, then all runners-up,
...) and round-one pairs that would repeat a group are untangled by swapping with a team of
the same place, so group-mates do not meet in the first playoff round.
"""

from __future__ import annotations

from app.tournaments.formats.orderings import bracket_positions
from app.tournaments.formats.plan import (
    FormatError,
    GroupPlace,
    Plan,
    Slot,
    Stage,
    next_power_of_two,
    require_count,
)
from app.tournaments.formats.round_robin import group_slots
from app.tournaments.formats.single_elimination import bracket, map_seeds, seed_sources


def snake(n: int, group_count: int) -> list[list[int]]:
    members: list[list[int]] = [[] for _ in range(group_count)]
    for seed in range(n):
        lap, offset = divmod(seed, group_count)
        members[offset if lap % 2 == 0 else group_count - 1 - offset].append(seed)
    return members


def generate(
    n: int,
    *,
    group_count: int,
    advance: int,
    double_round_robin: bool = False,
    third_place: bool = False,
) -> Plan:
    require_count(n, minimum=3, maximum=256)
    if not 2 <= group_count <= n // 2:
        raise FormatError("groups need at least two groups of at least two participants")
    if not 1 <= advance <= n // group_count or group_count * advance < 2:
        raise FormatError("the playoff needs between 1 and the smallest group's size per group")
    members = snake(n, group_count)
    slots: list[Slot] = []
    byes: dict[tuple[int, int], int] = {}
    for g, group in enumerate(members):
        group_matches, group_byes = group_slots(group, double=double_round_robin, group=g)
        slots += group_matches
        byes |= group_byes
    seeds = playoff_seeds(group_count, advance)
    playoff = bracket(
        seed_sources(len(seeds)),
        stage=Stage.PLAYOFF,
        prefix="P",
        third_place=third_place,
        third_place_key="P3P",
    )
    slots += map_seeds(playoff, lambda i: seeds[i])
    return Plan(
        participants=n, slots=tuple(slots), groups=tuple(tuple(m) for m in members), byes=byes
    )


def playoff_seeds(group_count: int, advance: int) -> list[GroupPlace]:
    seeds = [GroupPlace(g, p + 1) for p in range(advance) for g in range(group_count)]
    size = max(2, next_power_of_two(len(seeds)))
    positions = bracket_positions(size)
    opponent = {positions[2 * i] - 1: positions[2 * i + 1] - 1 for i in range(size // 2)}
    opponent |= {b: a for a, b in opponent.items()}
    for i in range(len(seeds)):
        j = opponent[i]
        if j < len(seeds) and j > i and seeds[i].group == seeds[j].group:
            _untangle(seeds, j, opponent)
    return seeds


def _untangle(seeds: list[GroupPlace], j: int, opponent: dict[int, int]) -> None:
    """Swap seed ``j`` with a same-place seed so neither pair repeats a group."""
    for c in range(len(seeds)):
        if c == j or seeds[c].place != seeds[j].place:
            continue
        mate_j, mate_c = opponent[j], opponent[c]
        group_j_mate = seeds[mate_j].group if mate_j < len(seeds) else None
        group_c_mate = seeds[mate_c].group if mate_c < len(seeds) else None
        if mate_c != j and group_j_mate != seeds[c].group and group_c_mate != seeds[j].group:
            seeds[j], seeds[c] = seeds[c], seeds[j]
            return
