import random

from hypothesis import given
from hypothesis import strategies as st

from app.tournaments.formats import groups
from app.tournaments.formats.placements import placements
from app.tournaments.formats.plan import GroupPlace, Stage
from tests.tournaments.formats.simulate import (
    PROPERTIES,
    assert_once_per_round,
    play,
    random_winner,
)


@st.composite
def settings(draw: st.DrawFn) -> tuple[int, int, int]:
    n = draw(st.integers(4, 64))
    group_count = draw(st.integers(2, n // 2))
    advance = draw(st.integers(1, min(4, n // group_count)))
    return n, group_count, advance


@PROPERTIES
@given(config=settings(), seed=st.integers(0, 2**32))
def test_groups_feed_a_playoff_that_ends_with_one_champion(
    config: tuple[int, int, int], seed: int
) -> None:
    n, group_count, advance = config
    plan = groups.generate(n, group_count=group_count, advance=advance)

    resolved, outcomes = play(plan, random_winner(random.Random(seed), draws=True))

    assert_once_per_round(resolved)
    sizes = [len(g) for g in plan.groups]
    assert max(sizes) - min(sizes) <= 1
    assert sum(sizes) == n
    playoff = {
        p for r in resolved.values() if r.slot.stage == Stage.PLAYOFF for p in (r.home, r.away)
    } - {None}
    assert len(playoff) == group_count * advance
    places = placements(plan, resolved, outcomes)
    assert places is not None
    assert sorted(places) == list(range(n))
    assert list(places.values()).count(1) == 1


def test_every_count_group_mates_do_not_meet_in_the_first_playoff_round() -> None:
    for n in range(4, 65):
        for group_count in range(2, min(8, n // 2) + 1):
            for advance in range(1, min(4, n // group_count) + 1):
                plan = groups.generate(n, group_count=group_count, advance=advance)

                first = [s for s in plan.slots if s.stage == Stage.PLAYOFF and s.round == 1]

                assert all(
                    s.home.group != s.away.group
                    for s in first
                    if isinstance(s.home, GroupPlace) and isinstance(s.away, GroupPlace)
                ), (n, group_count, advance)


def test_snake_seeding_spreads_the_seeds() -> None:
    assert groups.snake(10, 3) == [[0, 5, 6], [1, 4, 7], [2, 3, 8, 9]]
