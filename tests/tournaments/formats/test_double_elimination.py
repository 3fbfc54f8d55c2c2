import random

from hypothesis import given
from hypothesis import strategies as st

from app.tournaments.formats import double_elimination
from app.tournaments.formats.placements import placements
from app.tournaments.formats.plan import Outcome, Stage
from app.tournaments.formats.resolve import Resolved, SlotState, resolve
from tests.tournaments.formats.simulate import (
    PROPERTIES,
    assert_once_per_round,
    better_seed_wins,
    losses,
    play,
    played,
    random_winner,
)


@PROPERTIES
@given(n=st.integers(2, 64), seed=st.integers(0, 2**32))
def test_everyone_but_the_champion_is_out_after_exactly_two_losses(n: int, seed: int) -> None:
    plan = double_elimination.generate(n)

    resolved, outcomes = play(plan, random_winner(random.Random(seed)))

    assert_once_per_round(resolved)
    places = placements(plan, resolved, outcomes)
    assert places is not None
    assert sorted(places) == list(range(n))
    champions = [p for p, place in places.items() if place == 1]
    assert len(champions) == 1
    lost = losses(resolved)
    assert all(lost[p] == 2 for p in range(n) if p != champions[0])
    assert lost[champions[0]] <= 1
    reset = resolved["GF2"].state == SlotState.PLAYED
    assert len(played(resolved)) == 2 * n - 2 + reset
    _assert_nobody_plays_after_elimination(resolved)


def _assert_nobody_plays_after_elimination(resolved: dict[str, Resolved]) -> None:
    order = list(resolved)
    second_loss: dict[int, int] = {}
    count: dict[int, int] = {}
    for i, key in enumerate(order):
        r = resolved[key]
        if r.state != SlotState.PLAYED or r.loser is None:
            continue
        count[r.loser] = count.get(r.loser, 0) + 1
        if count[r.loser] == 2:
            second_loss[r.loser] = i
    for i, key in enumerate(order):
        r = resolved[key]
        for p in (r.home, r.away):
            if p is not None and p in second_loss:
                assert i <= second_loss[p], (p, key)


def test_every_count_better_seeds_finish_in_seed_order_without_a_reset() -> None:
    for n in range(2, 65):
        plan = double_elimination.generate(n)

        resolved, outcomes = play(plan, better_seed_wins)

        places = placements(plan, resolved, outcomes)
        assert places is not None
        assert [places[p] for p in range(min(n, 4))] == [1, 2, 3, 4][: min(n, 4)]
        assert resolved["GF2"].state == SlotState.SKIPPED
        walkovers = [r for r in resolved.values() if r.state == SlotState.WALKOVER]
        assert all(r.slot.stage != Stage.GRAND_FINAL for r in walkovers)


def test_the_reset_is_played_only_when_the_losers_bracket_team_wins_the_first_final() -> None:
    plan = double_elimination.generate(4)
    outcomes: dict[str, Outcome] = {}
    for key in ("W1-1", "W1-2", "W2-1", "L1-1", "L2-1"):
        outcomes[key] = Outcome.of(1, 0)

    before = resolve(plan, outcomes)
    outcomes["GF1"] = Outcome.of(0, 1)
    after = resolve(plan, outcomes)

    assert (before["GF1"].home, before["GF1"].away) == (0, 1)
    assert before["GF2"].state == SlotState.PENDING
    assert (after["GF2"].state, after["GF2"].home, after["GF2"].away) == (SlotState.READY, 0, 1)
    outcomes["GF2"] = Outcome.of(0, 2)
    done = resolve(plan, outcomes)
    assert placements(plan, done, outcomes) == {1: 1, 0: 2, 3: 3, 2: 4}


def test_losers_of_round_two_drop_in_reverse_order_for_eight() -> None:
    plan = double_elimination.generate(8)

    drops = [plan.slot(f"L2-{i}").home for i in (1, 2)]

    assert [d.key for d in drops] == ["W2-2", "W2-1"]  # type: ignore[union-attr]
