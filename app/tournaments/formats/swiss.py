"""Swiss: a fixed number of rounds, each paired from the standings so far.

Participants are ranked by points, then by seed (the rating order). Within a score group the
top half meets the bottom half (1 v m/2+1, 2 v m/2+2, ...); a participant who cannot be paired
in its group floats down to the next one. Nobody meets the same opponent twice. With an odd
count the lowest-ranked participant who has not had a bye sits out and scores a win; nobody
gets a second bye. The pairing is a depth-first search in that order of preference, so it
finds a pairing whenever one exists within the search budget, and the same standings always
give the same pairing. The better-ranked side plays at home.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from app.tournaments.formats.plan import FormatError, require_count
from app.tournaments.formats.standings import Game, PointsRule

SEARCH_BUDGET = 200_000


class SwissPairingError(FormatError):
    """No pairing without a rematch (or a second bye) exists for this round."""


@dataclass(frozen=True, slots=True)
class SwissRound:
    pairs: tuple[tuple[int, int], ...]
    bye: int | None


def default_rounds(n: int) -> int:
    return max(1, math.ceil(math.log2(n)))


def max_rounds(n: int) -> int:
    """A round robin's worth: beyond it a rematch is unavoidable."""
    return n - 1 if n % 2 == 0 else n


def validate_rounds(n: int, rounds: int) -> None:
    require_count(n)
    if not 1 <= rounds <= max_rounds(n):
        raise FormatError(f"a Swiss of {n} participants plays 1..{max_rounds(n)} rounds")


def pair_round(
    n: int, games: Sequence[Game], byes: Sequence[int], rule: PointsRule = PointsRule()
) -> SwissRound:
    require_count(n)
    score = [0] * n
    for game in games:
        score[game.home] += _points(game.outcome.home_score, game.outcome.away_score, rule)
        score[game.away] += _points(game.outcome.away_score, game.outcome.home_score, rule)
    for p in byes:
        score[p] += rule.win
    met = {frozenset((g.home, g.away)) for g in games}
    ranked = sorted(range(n), key=lambda p: (-score[p], p))
    search = _Search(score, met)
    if n % 2 == 0:
        pairs = search.pair(ranked)
        if pairs is not None:
            return SwissRound(tuple(pairs), None)
    else:
        had_bye = set(byes)
        for bye in reversed(ranked):
            if bye in had_bye:
                continue
            pairs = search.pair([p for p in ranked if p != bye])
            if pairs is not None:
                return SwissRound(tuple(pairs), bye)
    raise SwissPairingError("no pairing without a rematch exists for this round")


def _points(scored: int, conceded: int, rule: PointsRule) -> int:
    if scored > conceded:
        return rule.win
    return rule.draw if scored == conceded else rule.loss


class _Search:
    def __init__(self, score: list[int], met: set[frozenset[int]]) -> None:
        self.score = score
        self.met = met
        self.budget = SEARCH_BUDGET

    def pair(self, remaining: list[int]) -> list[tuple[int, int]] | None:
        if not remaining:
            return []
        self.budget -= 1
        if self.budget < 0:
            raise SwissPairingError("the pairing search gave up")
        top, rest = remaining[0], remaining[1:]
        for opponent in self._candidates(top, rest):
            if frozenset((top, opponent)) in self.met:
                continue
            tail = self.pair([p for p in rest if p != opponent])
            if tail is not None:
                return [(top, opponent), *tail]
        return None

    def _candidates(self, top: int, rest: list[int]) -> list[int]:
        group = [p for p in rest if self.score[p] == self.score[top]]
        ideal = max(0, (len(group) + 1) // 2 - 1)
        lower = [p for p in rest if self.score[p] != self.score[top]]
        return [*group[ideal:], *reversed(group[:ideal]), *lower]
