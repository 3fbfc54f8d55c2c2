"""Tables for round robin, groups and Swiss: points, then the declared tie-breakers.

Points default to 3 for a win, 1 for a draw, 0 for a loss; a Swiss bye scores as a win.
Tie-breakers apply in the declared order; head-to-head counts only the games among the
participants still tied on points. Buchholz is the sum of the opponents' points;
Sonneborn–Berger adds each beaten opponent's points and half of each drawn opponent's. A bye
has no opponent, so it adds nothing to either. The last resort is the seed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.tournaments.formats.plan import Outcome


class TieBreaker(StrEnum):
    HEAD_TO_HEAD = "HEAD_TO_HEAD"
    GOAL_DIFFERENCE = "GOAL_DIFFERENCE"
    GOALS_SCORED = "GOALS_SCORED"
    WINS = "WINS"
    BUCHHOLZ = "BUCHHOLZ"
    SONNEBORN_BERGER = "SONNEBORN_BERGER"


DEFAULT_TIE_BREAKERS = (
    TieBreaker.HEAD_TO_HEAD,
    TieBreaker.GOAL_DIFFERENCE,
    TieBreaker.GOALS_SCORED,
)
SWISS_TIE_BREAKERS = (TieBreaker.BUCHHOLZ, TieBreaker.SONNEBORN_BERGER)


@dataclass(frozen=True, slots=True)
class PointsRule:
    win: int = 3
    draw: int = 1
    loss: int = 0


@dataclass(frozen=True, slots=True)
class Game:
    home: int
    away: int
    outcome: Outcome


@dataclass(slots=True)
class Row:
    participant: int
    played: int = 0
    wins: int = 0
    draws: int = 0
    losses: int = 0
    byes: int = 0
    goals_for: int = 0
    goals_against: int = 0
    points: int = 0
    tie_breaks: dict[TieBreaker, float] = field(default_factory=dict)
    place: int = 0

    @property
    def goal_difference(self) -> int:
        return self.goals_for - self.goals_against


def table(
    participants: Sequence[int],
    games: Iterable[Game],
    *,
    byes: Iterable[int] = (),
    rule: PointsRule = PointsRule(),
    tie_breakers: Sequence[TieBreaker] = DEFAULT_TIE_BREAKERS,
) -> list[Row]:
    """Rows in final order with ``place`` set (1-based; equal on every criterion shares none,
    the seed decides)."""
    rows = {p: Row(p) for p in participants}
    games = [g for g in games if g.home in rows and g.away in rows]
    for game in games:
        _count(rows[game.home], game.outcome.home_score, game.outcome.away_score, rule)
        _count(rows[game.away], game.outcome.away_score, game.outcome.home_score, rule)
    for p in byes:
        if p in rows:
            rows[p].byes += 1
            rows[p].points += rule.win
    _fill_opponent_scores(rows, games, rule, tie_breakers)
    by_points: dict[int, list[Row]] = defaultdict(list)
    for row in rows.values():
        by_points[row.points].append(row)
    for tied in by_points.values():
        if TieBreaker.HEAD_TO_HEAD in tie_breakers:
            _head_to_head(tied, games, rule)
    seed = {p: i for i, p in enumerate(participants)}
    for row in rows.values():
        row.tie_breaks = {tb: _value(row, tb) for tb in tie_breakers}
    order = sorted(
        rows.values(),
        key=lambda r: (-r.points, *(-r.tie_breaks[tb] for tb in tie_breakers), seed[r.participant]),
    )
    for place, row in enumerate(order, start=1):
        row.place = place
    return order


def _count(row: Row, scored: int, conceded: int, rule: PointsRule) -> None:
    row.played += 1
    row.goals_for += scored
    row.goals_against += conceded
    if scored > conceded:
        row.wins += 1
        row.points += rule.win
    elif scored == conceded:
        row.draws += 1
        row.points += rule.draw
    else:
        row.losses += 1
        row.points += rule.loss


def _fill_opponent_scores(
    rows: dict[int, Row], games: list[Game], rule: PointsRule, tie_breakers: Sequence[TieBreaker]
) -> None:
    if not {TieBreaker.BUCHHOLZ, TieBreaker.SONNEBORN_BERGER} & set(tie_breakers):
        return
    for row in rows.values():
        row.tie_breaks[TieBreaker.BUCHHOLZ] = 0
        row.tie_breaks[TieBreaker.SONNEBORN_BERGER] = 0
    for game in games:
        home, away = rows[game.home], rows[game.away]
        home.tie_breaks[TieBreaker.BUCHHOLZ] += away.points
        away.tie_breaks[TieBreaker.BUCHHOLZ] += home.points
        share = _share(game.outcome)
        home.tie_breaks[TieBreaker.SONNEBORN_BERGER] += share * away.points
        away.tie_breaks[TieBreaker.SONNEBORN_BERGER] += (1 - share) * home.points


def _share(outcome: Outcome) -> float:
    if outcome.home_score == outcome.away_score:
        return 0.5
    return 1.0 if outcome.home_score > outcome.away_score else 0.0


def _head_to_head(tied: list[Row], games: list[Game], rule: PointsRule) -> None:
    members = {r.participant for r in tied}
    mini = {p: Row(p) for p in members}
    for game in games:
        if game.home in members and game.away in members:
            _count(mini[game.home], game.outcome.home_score, game.outcome.away_score, rule)
            _count(mini[game.away], game.outcome.away_score, game.outcome.home_score, rule)
    for row in tied:
        row.tie_breaks[TieBreaker.HEAD_TO_HEAD] = mini[row.participant].points


def _value(row: Row, tie_breaker: TieBreaker) -> float:
    match tie_breaker:
        case TieBreaker.GOAL_DIFFERENCE:
            return row.goal_difference
        case TieBreaker.GOALS_SCORED:
            return row.goals_for
        case TieBreaker.WINS:
            return row.wins + row.byes
        case _:
            return row.tie_breaks.get(tie_breaker, 0)
