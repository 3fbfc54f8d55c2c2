import random
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.tournaments.formats import swiss
from app.tournaments.formats.plan import FormatError, Outcome
from app.tournaments.formats.standings import SWISS_TIE_BREAKERS, Game, TieBreaker, table
from tests.tournaments.formats.simulate import PROPERTIES


def _play_swiss(n: int, rng: random.Random) -> tuple[list[swiss.SwissRound], list[Game]]:
    games: list[Game] = []
    byes: list[int] = []
    rounds: list[swiss.SwissRound] = []
    for _ in range(swiss.default_rounds(n)):
        paired = swiss.pair_round(n, games, byes)
        rounds.append(paired)
        if paired.bye is not None:
            byes.append(paired.bye)
        for home, away in paired.pairs:
            games.append(Game(home, away, Outcome.of(rng.randint(0, 3), rng.randint(0, 3))))
    return rounds, games


@PROPERTIES
@given(n=st.integers(2, 64), seed=st.integers(0, 2**32))
def test_no_rematches_at_most_one_bye_and_everyone_once_per_round(n: int, seed: int) -> None:
    rounds, _ = _play_swiss(n, random.Random(seed))

    pairings = Counter(frozenset(p) for r in rounds for p in r.pairs)
    assert set(pairings.values()) <= {1}
    byes = Counter(r.bye for r in rounds if r.bye is not None)
    assert set(byes.values()) <= {1}
    for r in rounds:
        present = [p for pair in r.pairs for p in pair] + ([r.bye] if r.bye is not None else [])
        assert sorted(present) == list(range(n))
        assert (r.bye is not None) == (n % 2 == 1)


def test_every_count_plays_its_default_rounds_without_a_rematch() -> None:
    rng = random.Random(7)
    for n in range(2, 65):
        rounds, _ = _play_swiss(n, rng)

        assert len(rounds) == swiss.default_rounds(n)
        assert len({frozenset(p) for r in rounds for p in r.pairs}) == sum(
            len(r.pairs) for r in rounds
        )


def test_first_round_pairs_the_top_half_against_the_bottom_half() -> None:
    paired = swiss.pair_round(8, [], [])

    assert paired.pairs == ((0, 4), (1, 5), (2, 6), (3, 7))


def test_second_round_pairs_within_score_groups() -> None:
    first = [Game(h, a, Outcome.of(1, 0)) for h, a in ((0, 4), (1, 5), (2, 6), (3, 7))]

    paired = swiss.pair_round(8, first, [])

    assert paired.pairs == ((0, 2), (1, 3), (4, 6), (5, 7))


def test_the_bye_goes_to_the_lowest_ranked_without_one_and_scores_a_win() -> None:
    first = swiss.pair_round(5, [], [])
    games = [Game(h, a, Outcome.of(1, 0)) for h, a in first.pairs]

    second = swiss.pair_round(5, games, [4])

    assert first.bye == 4
    assert second.bye == 3
    rows = table(range(5), games, byes=[4], tie_breakers=SWISS_TIE_BREAKERS)
    assert {r.participant: r.points for r in rows}[4] == 3


def test_buchholz_and_sonneborn_berger() -> None:
    games = [
        Game(0, 1, Outcome.of(2, 0)),
        Game(2, 3, Outcome.of(1, 1)),
        Game(0, 2, Outcome.of(0, 1)),
        Game(1, 3, Outcome.of(3, 0)),
    ]

    rows = {r.participant: r for r in table(range(4), games, tie_breakers=SWISS_TIE_BREAKERS)}

    assert [rows[p].points for p in range(4)] == [3, 3, 4, 1]
    assert rows[0].tie_breaks[TieBreaker.BUCHHOLZ] == 3 + 4
    assert rows[0].tie_breaks[TieBreaker.SONNEBORN_BERGER] == 3
    assert rows[2].tie_breaks[TieBreaker.SONNEBORN_BERGER] == 0.5 * 1 + 3


def test_too_many_rounds_are_refused() -> None:
    with pytest.raises(FormatError):
        swiss.validate_rounds(6, 6)
