"""schedule_tournament_match: the service the tournaments domain schedules its fixtures with."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import ValidationError
from app.matches.events import MatchScheduled
from app.matches.fixtures import schedule_tournament_match
from app.matches.models import MatchStatus
from tests.factories import create_sport, create_team
from tests.fixtures.app import TestClock
from tests.matches.helpers import outbox, snapshot, two_teams
from tests.tournaments.helpers import create_tournament


async def test_a_fixture_is_scheduled_even_close_to_another_match_of_its_teams(
    session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    earlier = await f.match(session, scheduled_at=clock.now() + timedelta(hours=3))
    tournament_id = (await create_tournament(session, sport=f.sport)).id

    match = await schedule_tournament_match(
        session,
        tournament_id=tournament_id,
        sport_id=f.sport.id,
        home_team_id=f.away.id,
        away_team_id=f.home.id,
        scheduled_at=earlier.scheduled_at + timedelta(minutes=30),
        playground_id=f.playground.id,
        scheduled_by=f.home_captain.id,
        now=clock.now(),
    )

    assert (match.status, match.tournament_id, match.home_team_id) == (
        MatchStatus.SCHEDULED,
        tournament_id,
        f.away.id,
    )
    [event] = await outbox(session, MatchScheduled.type)
    assert event.payload["tournament_id"] == str(tournament_id)
    assert event.payload["challenge_id"] is None
    assert event.actor_id == f.home_captain.id


async def test_teams_of_another_sport_or_one_team_twice_are_refused(
    session: AsyncSession, clock: TestClock
) -> None:
    f = await two_teams(session)
    stranger = await create_team(session, sport=await create_sport(session))
    before = await snapshot(session)

    def schedule(home: uuid.UUID, away: uuid.UUID):  # type: ignore[no-untyped-def]
        return schedule_tournament_match(
            session,
            tournament_id=uuid.uuid4(),
            sport_id=f.sport.id,
            home_team_id=home,
            away_team_id=away,
            scheduled_at=clock.now() + timedelta(days=1),
            playground_id=None,
            scheduled_by=None,
            now=clock.now(),
        )

    with pytest.raises(ValidationError) as other_sport:
        await schedule(f.home.id, stranger.id)
    with pytest.raises(ValidationError) as same_team:
        await schedule(f.home.id, f.home.id)

    assert [(i.path, i.code) for i in other_sport.value.issues] == [("awayTeamId", "NOT_ALLOWED")]
    assert [(i.path, i.code) for i in same_team.value.issues] == [("awayTeamId", "NOT_ALLOWED")]
    assert await snapshot(session) == before
