"""Round robin by the circle method, single or double, with a bye per round for odd counts.

Pairings are the same as brackets-manager's ``makeRoundRobinDistribution``: participant n-1
(or the phantom when the count is odd) stays fixed and the others rotate one step a round.
The double round robin repeats the rounds with home and away swapped.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.tournaments.formats.plan import Plan, Seed, Slot, Stage, require_count


def rounds(members: Sequence[int]) -> tuple[list[list[tuple[int, int]]], list[int | None]]:
    """Pairs per round (home, away) and who sits out each round (None for even counts)."""
    n = len(members)
    even = n if n % 2 == 0 else n + 1
    schedule: list[list[tuple[int, int]]] = []
    byes: list[int | None] = []
    for r in range(even - 1):
        pairs: list[tuple[int, int]] = []
        bye: int | None = None
        for m in range(even // 2):
            first = (r - m - 1 + even) % (even - 1)
            second = even - 1 if m == 0 else (r + m) % (even - 1)
            if m == 0 and n % 2 == 1:
                bye = members[first]
                continue
            pairs.append((members[first], members[second]))
        schedule.append(pairs)
        byes.append(bye)
    return schedule, byes


def group_slots(
    members: Sequence[int], *, double: bool = False, group: int | None = None
) -> tuple[list[Slot], dict[tuple[int, int], int]]:
    schedule, byes = rounds(members)
    if double:
        schedule += [[(b, a) for a, b in pairs] for pairs in schedule]
        byes += byes
    stage = Stage.ROUND_ROBIN if group is None else Stage.GROUP
    prefix = "R" if group is None else f"G{group + 1}-R"
    slots = [
        Slot(f"{prefix}{r + 1}-{i + 1}", stage, r + 1, i + 1, Seed(a), Seed(b), group)
        for r, pairs in enumerate(schedule)
        for i, (a, b) in enumerate(pairs)
    ]
    sitting = {(group or 0, r + 1): bye for r, bye in enumerate(byes) if bye is not None}
    return slots, sitting


def generate(n: int, *, double: bool = False) -> Plan:
    require_count(n, maximum=256)
    slots, byes = group_slots(range(n), double=double)
    return Plan(participants=n, slots=tuple(slots), groups=(tuple(range(n)),), byes=byes)
