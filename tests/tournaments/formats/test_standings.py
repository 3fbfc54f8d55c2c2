from app.tournaments.formats.plan import Outcome
from app.tournaments.formats.standings import Game, TieBreaker, table


def test_head_to_head_decides_before_goal_difference() -> None:
    games = [
        Game(0, 3, Outcome.of(5, 0)),
        Game(0, 2, Outcome.of(5, 0)),
        Game(1, 0, Outcome.of(1, 0)),
        Game(1, 3, Outcome.of(1, 0)),
        Game(2, 1, Outcome.of(1, 0)),
        Game(3, 2, Outcome.of(1, 0)),
    ]

    rows = table(range(4), games)

    assert [(r.participant, r.points, r.place) for r in rows] == [
        (1, 6, 1),
        (0, 6, 2),
        (3, 3, 3),
        (2, 3, 4),
    ]


def test_goal_difference_first_when_declared_first() -> None:
    games = [
        Game(0, 1, Outcome.of(0, 1)),
        Game(0, 2, Outcome.of(5, 0)),
        Game(1, 2, Outcome.of(0, 1)),
    ]

    rows = table(range(3), games, tie_breakers=[TieBreaker.GOAL_DIFFERENCE])

    assert [r.participant for r in rows] == [0, 1, 2]
    assert rows[0].tie_breaks == {TieBreaker.GOAL_DIFFERENCE: 4}
