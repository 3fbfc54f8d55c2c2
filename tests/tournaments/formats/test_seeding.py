import pytest

from app.tournaments.formats import seeding
from app.tournaments.formats.plan import FormatError


def test_by_rating_puts_the_highest_first_and_breaks_ties_by_key() -> None:
    entrants = [seeding.Rated("b", 1500), seeding.Rated("a", 1500), seeding.Rated("c", 1700)]

    assert seeding.by_rating(entrants) == ["c", "a", "b"]


def test_a_recorded_random_seed_replays_the_same_draw_whatever_the_input_order() -> None:
    entrants = [f"team-{i}" for i in range(16)]

    first = seeding.shuffled(entrants, 42)

    assert seeding.shuffled(list(reversed(entrants)), 42) == first
    assert sorted(first) == sorted(entrants)
    assert seeding.shuffled(entrants, 43) != first


def test_manual_order_must_list_everyone_once() -> None:
    assert seeding.manual(["a", "b"], ["b", "a"]) == ["b", "a"]
    with pytest.raises(FormatError):
        seeding.manual(["a", "b"], ["a", "a"])
