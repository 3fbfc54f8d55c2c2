"""Fill a plan in from the outcomes recorded so far.

Every slot resolves to participants (a seed index, ``None`` for a bye, ``TBD`` while the
source is undecided) and a state. A slot with one real participant and a bye is a walkover
(its participant advances without playing, and it has no loser); a slot with two byes is
empty. Table-format slots (round robin, group, Swiss) never advance anyone; a group place
resolves once every match of that group has an outcome. Resolution is a pure function of the
plan and the outcomes, so redelivered or replayed results cannot advance anyone twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from app.tournaments.formats.plan import (
    Bye,
    GroupPlace,
    LoserOf,
    Outcome,
    Plan,
    Seed,
    Slot,
    Source,
    Stage,
    WinnerOf,
)
from app.tournaments.formats.standings import (
    DEFAULT_TIE_BREAKERS,
    Game,
    PointsRule,
    Row,
    TieBreaker,
    table,
)

TBD: Final = -1


class SlotState(StrEnum):
    PENDING = "PENDING"  # a participant is not known yet
    READY = "READY"  # both known, to be played
    PLAYED = "PLAYED"
    WALKOVER = "WALKOVER"  # one participant and a bye
    EMPTY = "EMPTY"  # two byes
    SKIPPED = "SKIPPED"  # a grand-final reset that is not needed


TERMINAL = frozenset({SlotState.PLAYED, SlotState.WALKOVER, SlotState.EMPTY, SlotState.SKIPPED})


@dataclass(frozen=True, slots=True)
class Resolved:
    slot: Slot
    home: int | None
    away: int | None
    state: SlotState
    winner: int | None = None
    loser: int | None = None
    outcome: Outcome | None = None


@dataclass(frozen=True, slots=True)
class Rules:
    points: PointsRule = field(default_factory=PointsRule)
    tie_breakers: Sequence[TieBreaker] = DEFAULT_TIE_BREAKERS


def resolve(
    plan: Plan, outcomes: Mapping[str, Outcome], rules: Rules = Rules()
) -> dict[str, Resolved]:
    done: dict[str, Resolved] = {}
    group_places = _group_places(plan, outcomes, rules)
    for slot in plan.slots:  # every source points at an earlier slot
        home = _participant(slot.home, done, group_places, plan.participants)
        away = _participant(slot.away, done, group_places, plan.participants)
        done[slot.key] = _state(slot, home, away, outcomes.get(slot.key), done)
    return done


def _participant(
    source: Source, done: Mapping[str, Resolved], places: Mapping[GroupPlace, int], n: int
) -> int | None:
    match source:
        case Seed(index):
            return index if index < n else None
        case Bye():
            return None
        case WinnerOf(key):
            prior = done[key]
            return prior.winner if prior.state in _DECIDED else TBD
        case LoserOf(key):
            prior = done[key]
            return prior.loser if prior.state in _DECIDED else TBD
        case GroupPlace():
            return places.get(source, TBD)
    raise AssertionError(source)


_DECIDED = frozenset({SlotState.PLAYED, SlotState.WALKOVER, SlotState.EMPTY})


def _state(
    slot: Slot,
    home: int | None,
    away: int | None,
    outcome: Outcome | None,
    done: Mapping[str, Resolved],
) -> Resolved:
    if slot.reset:
        first = _first_final(done)
        if first.state not in _DECIDED:
            return Resolved(slot, TBD, TBD, SlotState.PENDING)
        if first.state != SlotState.PLAYED or first.winner == first.home:
            return Resolved(slot, None, None, SlotState.SKIPPED)
    if home == TBD or away == TBD:
        return Resolved(slot, home, away, SlotState.PENDING)
    if home is None or away is None:
        present = home if home is not None else away
        state = SlotState.EMPTY if present is None else SlotState.WALKOVER
        return Resolved(slot, home, away, state, winner=present)
    if outcome is None:
        return Resolved(slot, home, away, SlotState.READY)
    if outcome.winner is None:
        return Resolved(slot, home, away, SlotState.PLAYED, outcome=outcome)
    winner, loser = (home, away) if outcome.winner == "home" else (away, home)
    return Resolved(slot, home, away, SlotState.PLAYED, winner, loser, outcome)


def _first_final(done: Mapping[str, Resolved]) -> Resolved:
    return next(r for r in done.values() if r.slot.stage == Stage.GRAND_FINAL and not r.slot.reset)


def _group_places(
    plan: Plan, outcomes: Mapping[str, Outcome], rules: Rules
) -> dict[GroupPlace, int]:
    if not any(s.stage == Stage.PLAYOFF for s in plan.slots):
        return {}
    return {
        GroupPlace(g, row.place): row.participant
        for g, rows in enumerate(group_tables(plan, outcomes, rules))
        if rows is not None
        for row in rows
    }


def group_tables(
    plan: Plan, outcomes: Mapping[str, Outcome], rules: Rules = Rules()
) -> list[list[Row] | None]:
    """Each group's final table, or None for a group with matches still to play."""
    tables: list[list[Row] | None] = []
    for g, members in enumerate(plan.groups):
        group_slots = [
            s
            for s in plan.slots
            if s.stage in (Stage.GROUP, Stage.ROUND_ROBIN) and (s.group or 0) == g
        ]
        if any(s.key not in outcomes for s in group_slots):
            tables.append(None)
            continue
        games = [_game(s, outcomes[s.key]) for s in group_slots]
        tables.append(table(members, games, rule=rules.points, tie_breakers=rules.tie_breakers))
    return tables


def _game(slot: Slot, outcome: Outcome) -> Game:
    assert isinstance(slot.home, Seed)
    assert isinstance(slot.away, Seed)
    return Game(slot.home.index, slot.away.index, outcome)


def is_complete(resolved: Mapping[str, Resolved]) -> bool:
    return all(r.state in TERMINAL for r in resolved.values())


def playable(resolved: Mapping[str, Resolved]) -> list[Resolved]:
    """Slots with two known participants that still need a result."""
    return [r for r in resolved.values() if r.state == SlotState.READY]
