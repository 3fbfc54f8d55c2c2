"""Confirmed league matches update the standings once: redelivery and replay change nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.container import Container
from app.db import Database
from app.events.envelope import Envelope
from app.events.processor import EventProcessor, Outcome
from app.leagues.handlers import LEAGUES_WORKER
from app.leagues.models import DivisionTeam
from app.matches.events import MatchConfirmed
from app.matches.models import Match
from tests.factories import create_match, create_user
from tests.fixtures.app import GQL, TestClock
from tests.leagues.helpers import create_division

STANDINGS = """
query($id: ID!) {
  league(id: $id) {
    currentSeason { divisions { standings {
      position played wins draws losses goalsFor goalsAgainst goalDifference points team { id }
    } } }
  }
}
"""


def confirmed(match: Match, home: int, away: int) -> Envelope:
    now = datetime.now(UTC)
    winner = None if home == away else match.home_team_id if home > away else match.away_team_id
    loser = None if winner is None else ({*match.team_ids()} - {winner}).pop()
    event = MatchConfirmed(
        match_id=match.id,
        sport_id=match.sport_id,
        tournament_id=None,
        playground_id=None,
        home_team_id=match.home_team_id,
        away_team_id=match.away_team_id,
        home_player_ids=[],
        away_player_ids=[],
        home_score=home,
        away_score=away,
        winner_team_id=winner,
        loser_team_id=loser,
        result_kind="AGREED",
        technical=False,
        scheduled_at=match.scheduled_at,
        played_at=now,
        confirmed_at=now,
    )
    return Envelope.wrap(event, actor_id=None)


def processor(database: Database, container: Container, clock: TestClock) -> EventProcessor:
    settings = container.settings.events
    return EventProcessor(LEAGUES_WORKER, database, settings, clock=clock, services=container)


async def rows(session: AsyncSession) -> list[tuple[object, ...]]:
    found = await session.scalars(select(DivisionTeam).order_by(DivisionTeam.team_id))
    return [
        (r.team_id, r.played, r.wins, r.draws, r.losses, r.goals_for, r.goals_against, r.points)
        for r in found
    ]


async def test_results_count_once_and_order_the_table(
    gql: GQL, session: AsyncSession, database: Database, container: Container, clock: TestClock
) -> None:
    organizer = await create_user(session, roles=[Role.ORGANIZER])
    d = await create_division(session, organizer=organizer, teams=3)
    a, b, c = d.teams
    worker = processor(database, container, clock)
    first = confirmed(await d.fixture(session, a, b), 2, 0)
    outcomes = [await worker.process(first)]
    after_first = await rows(session)
    outcomes.append(await worker.process(first))
    outcomes.append(await worker.process(first.model_copy(update={"id": uuid.uuid4()})))
    assert await rows(session) == after_first, "neither a redelivery nor a replay counts again"
    outcomes.append(await worker.process(confirmed(await d.fixture(session, b, c), 1, 1)))
    outcomes.append(await worker.process(confirmed(await d.fixture(session, c, a), 3, 1)))
    outcomes.append(
        await worker.process(confirmed(await create_match(session, home=a, away=b), 5, 0))
    )

    response = await gql(STANDINGS, {"id": str(d.league.id)}, as_user=organizer)

    assert outcomes == [Outcome.HANDLED, Outcome.DUPLICATE, *[Outcome.HANDLED] * 4]
    table = response.data["league"]["currentSeason"]["divisions"][0]["standings"]
    summary = [
        (
            row["team"]["id"],
            row["played"],
            row["wins"],
            row["draws"],
            row["losses"],
            row["goalsFor"],
            row["goalsAgainst"],
            row["goalDifference"],
            row["points"],
        )
        for row in table
    ]
    assert summary == [
        (str(c.id), 2, 1, 1, 0, 4, 2, 2, 4),
        (str(a.id), 2, 1, 0, 1, 3, 3, 0, 3),
        (str(b.id), 2, 0, 1, 1, 1, 3, -2, 1),
    ]
    assert [row["position"] for row in table] == [1, 2, 3]
