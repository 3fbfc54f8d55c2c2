"""Double elimination: winners' and losers' brackets, a grand final and a conditional reset.

Layout (N = next power of two, k = log2 N): the winners' bracket is single elimination. The
losers' bracket has 2(k-1) rounds: round 1 pairs the losers of winners' round 1; each even
round meets the survivors with the losers dropping from the next winners' round (the dropped
team plays home); each odd round after the first pairs survivors. Dropped losers are ordered by
the standard drop pattern (brackets-manager's defaults per size, so early rematches are
avoided). The grand final is the winners' champion (home) against the losers' champion (away);
its reset slot is played only if the away side wins the first final.
"""

from __future__ import annotations

from app.tournaments.formats import orderings
from app.tournaments.formats.plan import (
    LoserOf,
    Plan,
    Slot,
    Source,
    Stage,
    WinnerOf,
    next_power_of_two,
    require_count,
)
from app.tournaments.formats.single_elimination import bracket, seed_sources

_PATTERNS: dict[int, list[orderings.Ordering[Source]]] = {
    4: [orderings.natural, orderings.reverse],
    8: [orderings.natural, orderings.reverse, orderings.natural],
    16: [orderings.natural, orderings.reverse_half_shift, orderings.reverse, orderings.natural],
    32: [
        orderings.natural,
        orderings.reverse,
        orderings.half_shift,
        orderings.natural,
        orderings.natural,
    ],
    64: [
        orderings.natural,
        orderings.reverse,
        orderings.half_shift,
        orderings.reverse,
        orderings.natural,
        orderings.natural,
    ],
}


def drop_pattern(size: int) -> list[orderings.Ordering[Source]]:
    """Orderings for losers' round 1 and for each dropping round, by bracket size.

    Sizes above 64 continue the pattern with pair flips (brackets-manager's 128 pattern).
    """
    if size in _PATTERNS:
        return _PATTERNS[size]
    rounds = size.bit_length() - 1
    start: list[orderings.Ordering[Source]] = [
        orderings.natural,
        orderings.reverse,
        orderings.half_shift,
    ]
    flips: list[orderings.Ordering[Source]] = [orderings.pair_flip] * max(0, rounds - 4)
    last: list[orderings.Ordering[Source]] = [orderings.natural]
    return [*start, *flips, *last][:rounds]


def generate(n: int) -> Plan:
    require_count(n)
    size = max(2, next_power_of_two(n))
    winners = bracket(seed_sources(n, size))
    rounds = size.bit_length() - 1
    losers = _losers_bracket(winners, size, rounds)
    wb_final = winners[-1].key
    lb_champion: Source = WinnerOf(losers[-1].key) if losers else LoserOf(wb_final)
    finals = [
        Slot("GF1", Stage.GRAND_FINAL, 1, 1, WinnerOf(wb_final), lb_champion),
        Slot("GF2", Stage.GRAND_FINAL, 2, 1, WinnerOf(wb_final), lb_champion, reset=True),
    ]
    return Plan(participants=n, slots=(*winners, *losers, *finals))


def _losers_bracket(winners: list[Slot], size: int, rounds: int) -> list[Slot]:
    if rounds < 2:
        return []
    dropped = {r: [LoserOf(s.key) for s in winners if s.round == r] for r in range(1, rounds + 1)}
    pattern = drop_pattern(size)
    slots: list[Slot] = []
    survivors: list[Source] = pattern[0](dropped[1])
    lb_round = 1
    for i in range(rounds - 1):
        keys = _keys(lb_round, len(survivors) // 2)
        slots += [
            Slot(k, Stage.LOSERS, lb_round, j + 1, survivors[2 * j], survivors[2 * j + 1])
            for j, k in enumerate(keys)
        ]
        lb_round += 1
        order = pattern[1 + i] if i < rounds - 2 else orderings.natural
        drops = order(dropped[i + 2])
        keys_minor = _keys(lb_round, len(keys))
        slots += [
            Slot(k, Stage.LOSERS, lb_round, j + 1, drops[j], WinnerOf(keys[j]))
            for j, k in enumerate(keys_minor)
        ]
        survivors = [WinnerOf(k) for k in keys_minor]
        lb_round += 1
    return slots


def _keys(lb_round: int, count: int) -> list[str]:
    return [f"L{lb_round}-{j + 1}" for j in range(count)]
