"""The bridge between stored tournaments and the pure formats: plans, outcomes, next matches.

Nothing here touches the database: callers pass the tournament, its seeded entries and its
``tournament_matches`` rows, and get back the slots to schedule next and, at the end, the
placements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.tournaments.formats import double_elimination, groups, round_robin, single_elimination
from app.tournaments.formats import swiss as swiss_format
from app.tournaments.formats.placements import placements as elimination_placements
from app.tournaments.formats.plan import Outcome, Plan
from app.tournaments.formats.resolve import Resolved, Rules, SlotState, resolve
from app.tournaments.formats.standings import (
    SWISS_TIE_BREAKERS,
    Game,
    PointsRule,
    Row,
    TieBreaker,
    table,
)
from app.tournaments.models import Tournament, TournamentFormat, TournamentMatch


@dataclass(frozen=True, slots=True)
class NextSlot:
    key: str
    round: int
    home_seed: int
    away_seed: int | None
    """None for a Swiss bye (recorded, no match)."""


def rules_of(t: Tournament) -> Rules:
    points = PointsRule(t.points_win, t.points_draw, t.points_loss)
    breakers = [TieBreaker(b) for b in t.tie_breakers]
    if t.format == TournamentFormat.SWISS and not breakers:
        breakers = list(SWISS_TIE_BREAKERS)
    return Rules(points, breakers) if breakers else Rules(points)


def plan_of(t: Tournament, n: int) -> Plan | None:
    """The whole bracket for ``n`` seeded participants; None for Swiss (paired per round)."""
    match t.format:
        case TournamentFormat.SINGLE_ELIMINATION:
            return single_elimination.generate(n, third_place=t.third_place)
        case TournamentFormat.DOUBLE_ELIMINATION:
            return double_elimination.generate(n)
        case TournamentFormat.ROUND_ROBIN:
            return round_robin.generate(n, double=t.double_round_robin)
        case TournamentFormat.GROUPS_PLAYOFF:
            return groups.generate(
                n,
                group_count=t.group_count or 2,
                advance=t.advance_per_group or 2,
                double_round_robin=t.double_round_robin,
                third_place=t.third_place,
            )
        case TournamentFormat.SWISS:
            return None


def validate(t: Tournament, n: int) -> None:
    """Raises ``FormatError`` when ``n`` participants cannot play this tournament's format."""
    if t.format == TournamentFormat.SWISS:
        swiss_format.validate_rounds(n, swiss_rounds(t, n))
    else:
        plan_of(t, n)


def swiss_rounds(t: Tournament, n: int) -> int:
    return t.swiss_rounds or swiss_format.default_rounds(n)


def outcome_of(row: TournamentMatch) -> Outcome | None:
    if row.confirmed_at is None or row.home_score is None or row.away_score is None:
        return None
    side = row.winner_side if row.winner_side in ("home", "away") else None
    return Outcome(row.home_score, row.away_score, side)  # type: ignore[arg-type]


def outcomes(rows: Sequence[TournamentMatch]) -> dict[str, Outcome]:
    found = {row.slot_key: outcome_of(row) for row in rows}
    return {key: o for key, o in found.items() if o is not None}


def resolved(t: Tournament, n: int, rows: Sequence[TournamentMatch]) -> dict[str, Resolved]:
    plan = plan_of(t, n)
    return resolve(plan, outcomes(rows), rules_of(t)) if plan else {}


def next_slots(t: Tournament, n: int, rows: Sequence[TournamentMatch]) -> list[NextSlot]:
    """Slots that can be played now and have no match yet."""
    taken = {row.slot_key for row in rows}
    plan = plan_of(t, n)
    if plan is None:
        return _next_swiss_round(t, n, rows)
    states = resolve(plan, outcomes(rows), rules_of(t))
    return [
        NextSlot(r.slot.key, r.slot.round, r.home, r.away)
        for r in states.values()
        if r.state == SlotState.READY and r.slot.key not in taken
        if r.home is not None and r.away is not None
    ]


def _swiss_history(rows: Sequence[TournamentMatch]) -> tuple[list[Game], list[int]]:
    games = [
        Game(row.home_seed, row.away_seed, o)
        for row in rows
        if row.away_seed is not None and (o := outcome_of(row)) is not None
    ]
    byes = [row.home_seed for row in rows if row.away_seed is None]
    return games, byes


def _next_swiss_round(t: Tournament, n: int, rows: Sequence[TournamentMatch]) -> list[NextSlot]:
    current = max((row.round for row in rows), default=0)
    if current >= swiss_rounds(t, n) or any(
        row.round == current and row.away_seed is not None and row.confirmed_at is None
        for row in rows
    ):
        return []
    games, byes = _swiss_history(rows)
    paired = swiss_format.pair_round(n, games, byes, rules_of(t).points)
    number = current + 1
    slots = [
        NextSlot(f"S{number}-{i + 1}", number, home, away)
        for i, (home, away) in enumerate(paired.pairs)
    ]
    if paired.bye is not None:
        slots.append(NextSlot(f"S{number}-BYE", number, paired.bye, None))
    return slots


def table_rows(t: Tournament, n: int, rows: Sequence[TournamentMatch]) -> list[Row]:
    """Standings of a round robin or a Swiss (the whole field as one table)."""
    games, byes = _swiss_history(rows)
    rules = rules_of(t)
    return table(range(n), games, byes=byes, rule=rules.points, tie_breakers=rules.tie_breakers)


def group_table(
    t: Tournament, members: Sequence[int], rows: Sequence[TournamentMatch]
) -> list[Row]:
    games, _ = _swiss_history(rows)
    rules = rules_of(t)
    return table(members, games, rule=rules.points, tie_breakers=rules.tie_breakers)


def final_placements(
    t: Tournament, n: int, rows: Sequence[TournamentMatch]
) -> dict[int, int] | None:
    """Seed index -> place once everything is played, else None."""
    if t.format == TournamentFormat.SWISS:
        done = max((row.round for row in rows), default=0) >= swiss_rounds(t, n)
        if not done or any(row.away_seed is not None and row.confirmed_at is None for row in rows):
            return None
        return {row.participant: row.place for row in table_rows(t, n, rows)}
    plan = plan_of(t, n)
    assert plan is not None
    found = outcomes(rows)
    states = resolve(plan, found, rules_of(t))
    if t.format == TournamentFormat.ROUND_ROBIN:
        if any(r.state != SlotState.PLAYED for r in states.values()):
            return None
        return {row.participant: row.place for row in table_rows(t, n, rows)}
    return elimination_placements(plan, states, found, rules_of(t))
