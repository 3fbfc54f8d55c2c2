"""The feed worker writes activities from other domains' events, once however often they come."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.achievements.events import AchievementUnlocked
from app.clock import SystemClock
from app.db import Database
from app.events import Event, emit
from app.events.envelope import Envelope
from app.events.processor import EventProcessor, Outcome
from app.feed.handlers import FEED_WORKER
from app.feed.models import Activity, ActivityType
from app.matches.events import MatchConfirmed
from app.playgrounds.events import PlaygroundCheckedIn
from app.settings import EventsSettings
from app.teams.events import TeamMemberJoined
from app.tournaments.events import TournamentApplicationDecided
from tests.factories import add_member, create_playground, create_team, create_user

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.fixture
def processor(committed_database: Database) -> EventProcessor:
    return EventProcessor(FEED_WORKER, committed_database, EventsSettings(), clock=SystemClock())


async def delivered_twice(db: Database, processor: EventProcessor, event: Event) -> None:
    async with db.transaction() as session:
        envelope: Envelope = emit(session, event, actor_id=None, occurred_at=NOW)
    assert await processor.process(envelope) is Outcome.HANDLED
    assert await processor.process(envelope) is Outcome.DUPLICATE


Row = tuple[str, str, str, dict[str, str]]


async def activities(db: Database) -> list[Row]:
    """``(type, user id, team id, data)`` sorted, with "-" for no user or team."""
    async with db.session() as session:
        rows = (await session.scalars(select(Activity))).all()
    return sorted(
        ((r.type.value, str(r.user_id or "-"), str(r.team_id or "-"), r.data) for r in rows),
        key=lambda row: row[:3],
    )


async def test_a_confirmed_match_reaches_both_teams_and_their_players(
    committed_database: Database, processor: EventProcessor
) -> None:
    async with committed_database.transaction() as session:
        home, away = await create_team(session), await create_team(session)
        scorer = await add_member(session, team=home)
    event = MatchConfirmed(
        match_id=uuid.uuid4(),
        sport_id=home.sport_id,
        tournament_id=None,
        playground_id=None,
        home_team_id=home.id,
        away_team_id=away.id,
        home_player_ids=[scorer.id],
        away_player_ids=[],
        home_score=3,
        away_score=1,
        winner_team_id=home.id,
        loser_team_id=away.id,
        result_kind="NORMAL",
        technical=False,
        scheduled_at=NOW,
        played_at=NOW,
        confirmed_at=NOW,
    )

    await delivered_twice(committed_database, processor, event)

    home_side = {"team_id": str(home.id), "opponent_team_id": str(away.id), "score": "3:1"}
    away_side = {"team_id": str(away.id), "opponent_team_id": str(home.id), "score": "1:3"}
    expected: list[Row] = [
        ("MATCH_PLAYED", "-", str(home.id), {**home_side, "result": "WIN"}),
        ("MATCH_PLAYED", str(scorer.id), "-", {**home_side, "result": "WIN"}),
        ("MATCH_PLAYED", "-", str(away.id), {**away_side, "result": "LOSS"}),
    ]
    assert await activities(committed_database) == sorted(expected, key=lambda row: row[:3])


async def test_joins_registrations_achievements_and_check_ins(
    committed_database: Database, processor: EventProcessor
) -> None:
    async with committed_database.transaction() as session:
        team, player = await create_team(session), await create_user(session)
        playground = await create_playground(session)
    events: list[Event] = [
        TeamMemberJoined(team_id=team.id, user_id=player.id, role="PLAYER", via="INVITATION"),
        TournamentApplicationDecided(
            tournament_id=uuid.uuid4(),
            entry_id=uuid.uuid4(),
            team_id=team.id,
            status="APPROVED",
            entry_fee=0,
        ),
        TournamentApplicationDecided(
            tournament_id=uuid.uuid4(),
            entry_id=uuid.uuid4(),
            team_id=team.id,
            status="REJECTED",
            entry_fee=0,
        ),
        AchievementUnlocked(
            user_id=player.id, achievement_id=uuid.uuid4(), code="first_win", name="Первая победа"
        ),
        PlaygroundCheckedIn(
            playground_id=playground.id,
            check_in_id=uuid.uuid4(),
            user_id=player.id,
            day=date(2026, 11, 27),
            check_in_count=1,
        ),
    ]

    for event in events:
        await delivered_twice(committed_database, processor, event)

    assert [kind for kind, *_ in await activities(committed_database)] == sorted(
        [
            ActivityType.TEAM_JOINED.value,
            ActivityType.TOURNAMENT_REGISTERED.value,
            ActivityType.ACHIEVEMENT_UNLOCKED.value,
            ActivityType.PLAYGROUND_CHECK_IN.value,
        ]
    )
