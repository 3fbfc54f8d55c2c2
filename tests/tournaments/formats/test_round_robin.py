import random
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from app.tournaments.formats import round_robin
from app.tournaments.formats.plan import Seed
from tests.tournaments.formats.simulate import (
    PROPERTIES,
    assert_once_per_round,
    play,
    random_winner,
)


def _pairs(plan: round_robin.Plan) -> Counter[tuple[int, int]]:
    out: Counter[tuple[int, int]] = Counter()
    for s in plan.slots:
        assert isinstance(s.home, Seed)
        assert isinstance(s.away, Seed)
        out[(s.home.index, s.away.index)] += 1
    return out


def test_every_count_single_round_robin_plays_every_pair_once() -> None:
    for n in range(2, 65):
        plan = round_robin.generate(n)

        pairs = _pairs(plan)

        unordered = Counter(frozenset(p) for p in pairs.elements())
        assert set(unordered.values()) == {1}
        assert len(unordered) == n * (n - 1) // 2
        rounds = {s.round for s in plan.slots}
        assert len(rounds) == (n if n % 2 else n - 1)
        assert len(plan.byes) == (len(rounds) if n % 2 else 0)
        assert len(set(plan.byes.values())) == len(plan.byes)


def test_every_count_double_round_robin_plays_every_pair_home_and_away() -> None:
    for n in range(2, 65):
        plan = round_robin.generate(n, double=True)

        pairs = _pairs(plan)

        assert set(pairs.values()) == {1}
        assert len(pairs) == n * (n - 1)


@PROPERTIES
@given(n=st.integers(2, 64), double=st.booleans(), seed=st.integers(0, 2**32))
def test_nobody_plays_twice_in_a_round_or_sits_out_while_playing(
    n: int, double: bool, seed: int
) -> None:
    plan = round_robin.generate(n, double=double)

    resolved, _ = play(plan, random_winner(random.Random(seed), draws=True))

    assert_once_per_round(resolved)
    for (_, r), bye in plan.byes.items():
        assert all(bye not in (s.home, s.away) for s in plan.slots if s.round == r)
