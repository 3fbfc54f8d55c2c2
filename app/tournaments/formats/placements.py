"""Final placements of a finished elimination bracket (shared places, competition ranking).

Single elimination: the champion, the finalist, then everyone by the round they lost in
(later is better); a played third-place match splits the semi-final losers. Double
elimination: the decisive grand final's winner and loser, then the losers' bracket by round.
A groups-then-playoff plan ranks the teams that did not reach the playoff after it, by their
group place. Returns None while the bracket is not finished.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.tournaments.formats.plan import Outcome, Plan, Stage
from app.tournaments.formats.resolve import (
    Resolved,
    Rules,
    SlotState,
    group_tables,
    is_complete,
)


def placements(
    plan: Plan,
    resolved: Mapping[str, Resolved],
    outcomes: Mapping[str, Outcome] | None = None,
    rules: Rules = Rules(),
) -> dict[int, int] | None:
    if not is_complete(resolved):
        return None
    stages = {s.stage for s in plan.slots}
    if Stage.GRAND_FINAL in stages:
        tiers = _double(resolved)
    else:
        tiers = _single(resolved, Stage.PLAYOFF if Stage.PLAYOFF in stages else Stage.WINNERS)
        tiers += _group_leftovers(plan, outcomes or {}, rules, tiers)
    places: dict[int, int] = {}
    for tier in tiers:
        start = len(places) + 1
        places |= dict.fromkeys(tier, start)
    return places


def _played(resolved: Mapping[str, Resolved], stage: Stage) -> list[Resolved]:
    return [r for r in resolved.values() if r.slot.stage == stage and r.state == SlotState.PLAYED]


def _by_round_desc(matches: list[Resolved]) -> list[list[int]]:
    rounds = sorted({r.slot.round for r in matches}, reverse=True)
    return [[r.loser for r in matches if r.slot.round == n and r.loser is not None] for n in rounds]


def _single(resolved: Mapping[str, Resolved], stage: Stage) -> list[list[int]]:
    tree = [r for r in resolved.values() if r.slot.stage == stage]
    final = max(tree, key=lambda r: r.slot.round)
    tiers = [[final.winner]] if final.winner is not None else []
    tiers += [t for t in _by_round_desc(_played(resolved, stage)) if t]
    third = _played(resolved, Stage.THIRD_PLACE)
    if third and third[0].winner is not None and third[0].loser is not None and len(tiers) > 2:
        tiers[2:3] = [[third[0].winner], [third[0].loser]]
    return tiers


def _double(resolved: Mapping[str, Resolved]) -> list[list[int]]:
    finals = _played(resolved, Stage.GRAND_FINAL)
    decisive = max(finals, key=lambda r: r.slot.round)
    assert decisive.winner is not None
    assert decisive.loser is not None
    tiers = [[decisive.winner], [decisive.loser]]
    return tiers + [t for t in _by_round_desc(_played(resolved, Stage.LOSERS)) if t]


def _group_leftovers(
    plan: Plan, outcomes: Mapping[str, Outcome], rules: Rules, tiers: list[list[int]]
) -> list[list[int]]:
    placed = {p for tier in tiers for p in tier}
    tables = [t for t in group_tables(plan, outcomes, rules) if t is not None]
    deepest = max((len(t) for t in tables), default=0)
    leftovers = [
        [row.participant for t in tables for row in t if row.place == place]
        for place in range(1, deepest + 1)
    ]
    return [[p for p in tier if p not in placed] for tier in leftovers if set(tier) - placed]
