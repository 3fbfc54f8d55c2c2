import random

from hypothesis import given
from hypothesis import strategies as st

from app.tournaments.formats import single_elimination
from app.tournaments.formats.placements import placements
from app.tournaments.formats.plan import Stage, next_power_of_two
from app.tournaments.formats.resolve import SlotState
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
@given(n=st.integers(2, 64), third_place=st.booleans(), seed=st.integers(0, 2**32))
def test_random_results_end_with_one_champion_and_everyone_else_out(
    n: int, third_place: bool, seed: int
) -> None:
    plan = single_elimination.generate(n, third_place=third_place)

    resolved, outcomes = play(plan, random_winner(random.Random(seed)))

    assert_once_per_round(resolved)
    bracket = [r for r in played(resolved) if r.slot.stage == Stage.WINNERS]
    assert len(bracket) == n - 1
    assert set(losses({r.slot.key: r for r in bracket}).values()) == {1}
    places = placements(plan, resolved, outcomes)
    assert places is not None
    assert sorted(places) == list(range(n))
    assert list(places.values()).count(1) == 1


def test_every_count_byes_go_to_the_top_seeds_only_in_round_one() -> None:
    for n in range(2, 65):
        size = next_power_of_two(n)

        resolved, _ = play(single_elimination.generate(n), better_seed_wins)

        walkovers = [r for r in resolved.values() if r.state == SlotState.WALKOVER]
        assert all(r.slot.round == 1 for r in walkovers)
        assert sorted(r.winner for r in walkovers) == list(range(size - n))
        assert not [r for r in resolved.values() if r.state == SlotState.EMPTY]


def test_every_count_seeds_one_and_two_meet_only_in_the_final() -> None:
    for n in range(2, 65):
        plan = single_elimination.generate(n, third_place=True)

        resolved, outcomes = play(plan, better_seed_wins)

        meetings = [r.slot for r in played(resolved) if {r.home, r.away} == {0, 1}]
        final = max((s for s in plan.slots if s.stage == Stage.WINNERS), key=lambda s: s.round)
        assert meetings == [final]
        assert placements(plan, resolved, outcomes) == _tiers(n)


def _tiers(n: int) -> dict[int, int]:
    """Better seed always wins: 1, 2, then 3 and 4 from the third-place match, then by round."""
    places = {0: 1, 1: 2}
    if n >= 3:
        places[2] = 3
    if n >= 4:
        places[3] = 4
    lower = 4
    while lower < n:
        upper = min(2 * lower, n)
        places |= dict.fromkeys(range(lower, upper), lower + 1)
        lower *= 2
    return places


def test_third_place_match_is_played_between_the_semi_final_losers() -> None:
    plan = single_elimination.generate(8, third_place=True)

    resolved, _ = play(plan, better_seed_wins)

    third = resolved["3P"]
    assert (third.state, {third.home, third.away}, third.winner) == (SlotState.PLAYED, {2, 3}, 2)


def test_generation_is_deterministic() -> None:
    assert single_elimination.generate(37, third_place=True) == single_elimination.generate(
        37, third_place=True
    )
