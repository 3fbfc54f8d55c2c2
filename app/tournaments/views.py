"""What the bracket, standings and schedule queries show, computed from stored rows.

Pure functions over the tournament, its seed order (team ids) and its ``tournament_matches``
rows: the plan is regenerated and resolved, so every slot (played, playable, waiting for a
winner, walkover, skipped reset) is shown, not only the ones that became matches.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from app.tournaments import engine
from app.tournaments.formats.plan import Bye, GroupPlace, LoserOf, Seed, Source, Stage, WinnerOf
from app.tournaments.formats.resolve import TBD, SlotState
from app.tournaments.formats.standings import Row
from app.tournaments.models import Tournament, TournamentFormat, TournamentMatch


@dataclass(frozen=True, slots=True)
class SideView:
    team_id: uuid.UUID | None
    seed: int | None
    """1-based."""
    score: int | None
    bye: bool
    source: str | None
    """Where an undecided side comes from: ``WINNER:W1-3``, ``LOSER:W2-1``, ``GROUP:2:1``."""


@dataclass(frozen=True, slots=True)
class SlotView:
    key: str
    stage: Stage
    round: int
    position: int
    group: int | None
    state: SlotState
    home: SideView
    away: SideView
    winner_team_id: uuid.UUID | None
    match_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class RoundView:
    stage: Stage
    group: int | None
    number: int
    slots: list[SlotView]


@dataclass(frozen=True, slots=True)
class TableView:
    group: int | None
    rows: list[tuple[uuid.UUID, Row]]


def bracket(
    t: Tournament, order: Sequence[uuid.UUID], rows: Sequence[TournamentMatch]
) -> list[RoundView]:
    slots = (
        _swiss_slots(order, rows)
        if t.format == TournamentFormat.SWISS
        else _plan_slots(t, order, rows)
    )
    rounds: dict[tuple[Stage, int | None, int], list[SlotView]] = {}
    for slot in slots:
        rounds.setdefault((slot.stage, slot.group, slot.round), []).append(slot)
    return [
        RoundView(stage, group, number, found) for (stage, group, number), found in rounds.items()
    ]


def _plan_slots(
    t: Tournament, order: Sequence[uuid.UUID], rows: Sequence[TournamentMatch]
) -> list[SlotView]:
    by_key = {row.slot_key: row for row in rows}
    views = []
    for key, r in engine.resolved(t, len(order), rows).items():
        row = by_key.get(key)
        views.append(
            SlotView(
                key=key,
                stage=r.slot.stage,
                round=r.slot.round,
                position=r.slot.position,
                group=None if r.slot.group is None else r.slot.group + 1,
                state=r.state,
                home=_side(order, r.home, r.slot.home, row.home_score if row else None),
                away=_side(order, r.away, r.slot.away, row.away_score if row else None),
                winner_team_id=order[r.winner]
                if r.winner is not None and r.state == SlotState.PLAYED
                else None,
                match_id=row.match_id if row else None,
            )
        )
    return views


def _side(
    order: Sequence[uuid.UUID], participant: int | None, source: Source, score: int | None
) -> SideView:
    known = participant is not None and participant != TBD
    return SideView(
        team_id=order[participant] if known and participant is not None else None,
        seed=participant + 1 if known and participant is not None else None,
        score=score,
        bye=participant is None or isinstance(source, Bye),
        source=None if known else _describe(source),
    )


def _describe(source: Source) -> str | None:
    match source:
        case WinnerOf(key):
            return f"WINNER:{key}"
        case LoserOf(key):
            return f"LOSER:{key}"
        case GroupPlace(group, place):
            return f"GROUP:{group + 1}:{place}"
        case Seed() | Bye():
            return None
    return None


def _swiss_slots(order: Sequence[uuid.UUID], rows: Sequence[TournamentMatch]) -> list[SlotView]:
    views = []
    positions: dict[int, int] = {}
    for row in sorted(rows, key=lambda r: (r.round, r.away_seed is None, _number(r.slot_key))):
        position = positions[row.round] = positions.get(row.round, 0) + 1
        outcome = engine.outcome_of(row)
        bye = row.away_seed is None
        state = SlotState.WALKOVER if bye else SlotState.PLAYED if outcome else SlotState.READY
        winner = None
        if outcome and outcome.winner:
            winner = order[row.home_seed if outcome.winner == "home" else row.away_seed or 0]
        views.append(
            SlotView(
                key=row.slot_key,
                stage=Stage.SWISS,
                round=row.round,
                position=position,
                group=None,
                state=state,
                home=SideView(order[row.home_seed], row.home_seed + 1, row.home_score, False, None),
                away=SideView(
                    None if bye else order[row.away_seed or 0],
                    None if row.away_seed is None else row.away_seed + 1,
                    row.away_score,
                    bye,
                    None,
                ),
                winner_team_id=winner,
                match_id=row.match_id,
            )
        )
    return views


def _number(slot_key: str) -> int:
    tail = slot_key.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def tables(
    t: Tournament, order: Sequence[uuid.UUID], rows: Sequence[TournamentMatch]
) -> list[TableView]:
    """The round robin or Swiss table, or one table per group; none for knockout formats."""
    n = len(order)
    if t.format in (TournamentFormat.ROUND_ROBIN, TournamentFormat.SWISS):
        return [TableView(None, [(order[r.participant], r) for r in engine.table_rows(t, n, rows)])]
    if t.format != TournamentFormat.GROUPS_PLAYOFF:
        return []
    plan = engine.plan_of(t, n)
    assert plan is not None
    result = []
    for g, members in enumerate(plan.groups):
        played = [r for r in rows if r.slot_key.startswith(f"G{g + 1}-")]
        found = engine.group_table(t, members, played)
        result.append(TableView(g + 1, [(order[r.participant], r) for r in found]))
    return result
