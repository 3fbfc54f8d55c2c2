"""Bracket generation benchmark (pure code, no database):

    .venv/bin/python bench/tournaments.py [--repeat 5]

Prints the best of ``--repeat`` timings for generating a 1,024-team single-elimination and
double-elimination bracket (and resolving it once, as advancement does), and for pairing one
Swiss round of 256 teams after three random rounds.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from app.tournaments.formats import double_elimination, single_elimination, swiss
from app.tournaments.formats.plan import Outcome
from app.tournaments.formats.resolve import resolve
from app.tournaments.formats.standings import Game


def best_of(repeat: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def swiss_history(n: int, rounds: int) -> tuple[list[Game], list[int]]:
    rng = random.Random(1)
    games: list[Game] = []
    byes: list[int] = []
    for _ in range(rounds):
        paired = swiss.pair_round(n, games, byes)
        games += [
            Game(h, a, Outcome.of(rng.randint(0, 3), rng.randint(0, 3))) for h, a in paired.pairs
        ]
        if paired.bye is not None:
            byes.append(paired.bye)
    return games, byes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    se = best_of(args.repeat, lambda: single_elimination.generate(1024, third_place=True))
    de = best_of(args.repeat, lambda: double_elimination.generate(1024))
    se_plan = single_elimination.generate(1024, third_place=True)
    de_plan = double_elimination.generate(1024)
    se_resolve = best_of(args.repeat, lambda: resolve(se_plan, {}))
    de_resolve = best_of(args.repeat, lambda: resolve(de_plan, {}))
    games, byes = swiss_history(256, 3)
    sw = best_of(args.repeat, lambda: swiss.pair_round(256, games, byes))
    print(
        f"single elimination, 1024 teams: generate {se * 1000:.1f} ms "
        f"({len(se_plan.slots)} slots), resolve {se_resolve * 1000:.1f} ms"
    )
    print(
        f"double elimination, 1024 teams: generate {de * 1000:.1f} ms "
        f"({len(de_plan.slots)} slots), resolve {de_resolve * 1000:.1f} ms"
    )
    print(f"swiss, 256 teams, round 4 pairing: {sw * 1000:.1f} ms")


if __name__ == "__main__":
    main()
