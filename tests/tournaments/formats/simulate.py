"""Play a generated plan to the end with a chosen winner for every ready match."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable

from hypothesis import settings

from app.tournaments.formats.plan import Outcome, Plan
from app.tournaments.formats.resolve import Resolved, Rules, SlotState, playable, resolve

Chooser = Callable[[Resolved], Outcome]


def better_seed_wins(r: Resolved) -> Outcome:
    assert r.home is not None
    assert r.away is not None
    return Outcome.of(1, 0) if r.home < r.away else Outcome.of(0, 1)


def random_winner(rng: random.Random, *, draws: bool = False) -> Chooser:
    def choose(r: Resolved) -> Outcome:
        if draws and not r.slot.decided_by_winner and rng.random() < 0.2:
            return Outcome.of(1, 1)
        home, away = rng.randint(0, 4), rng.randint(0, 4)
        if home == away:
            return Outcome.of(home, away, rng.choice(("home", "away")))
        return Outcome.of(home, away)

    return choose


def play(
    plan: Plan, choose: Chooser, rules: Rules = Rules()
) -> tuple[dict[str, Resolved], dict[str, Outcome]]:
    outcomes: dict[str, Outcome] = {}
    while True:
        resolved = resolve(plan, outcomes, rules)
        ready = playable(resolved)
        if not ready:
            return resolved, outcomes
        for r in ready:
            outcomes[r.slot.key] = choose(r)


def played(resolved: dict[str, Resolved]) -> list[Resolved]:
    return [r for r in resolved.values() if r.state == SlotState.PLAYED]


def assert_once_per_round(resolved: dict[str, Resolved]) -> None:
    seen: dict[tuple[object, ...], Counter[int]] = defaultdict(Counter)
    for r in resolved.values():
        round_id = (r.slot.stage, r.slot.group, r.slot.round)
        for p in (r.home, r.away):
            if p is not None and p >= 0:
                seen[round_id][p] += 1
    for round_id, counts in seen.items():
        assert max(counts.values()) == 1, round_id


def losses(resolved: dict[str, Resolved]) -> Counter[int]:
    return Counter(r.loser for r in played(resolved) if r.loser is not None)


# Generating and playing a 64-team bracket takes a while on a loaded machine: no deadline.
PROPERTIES = settings(deadline=None, max_examples=40)
