"""What the gamification worker spends on one event, in SQL statements.

Pinned because the worker's throughput is statements per event: a new read per activity, or a
catalogue read again for every event, shows up here first.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.container import Container
from app.economy import ledger
from app.events import Event, emit
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.gamification.handlers import WORKER
from app.matches.events import MatchConfirmed
from app.teams.events import TeamCreated
from app.users.models import User
from tests.factories import create_user
from tests.fixtures.statements import StatementCounter, StatementLog

PLAYED_AT = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


async def handle(
    container: Container,
    session: AsyncSession,
    count_statements: StatementCounter,
    event: Event,
) -> StatementLog:
    emit(session, event, actor_id=None)
    await session.flush()
    row = await session.scalar(select(OutboxEvent).order_by(OutboxEvent.seq.desc()).limit(1))
    assert row is not None
    processor = EventProcessor(
        WORKER,
        container.db,
        container.settings.events,
        clock=container.clock,
        services=container,
    )
    with count_statements() as log:
        outcome = await processor.process(to_envelope(row))
    assert outcome is Outcome.HANDLED
    return log


async def players(session: AsyncSession, count: int) -> list[User]:
    """Users whose wallets exist already (a wallet's first use creates it)."""
    users = [await create_user(session) for _ in range(count)]
    for user in users:
        await ledger.lock_user_wallet(session, user.id)
    return users


def team_created(user: User) -> TeamCreated:
    return TeamCreated(
        team_id=uuid.uuid4(),
        captain_id=user.id,
        sport_id=uuid.uuid4(),
        name="Дворовые",
        slug=f"team-{uuid.uuid4().hex[:8]}",
        city="Москва",
    )


def match_confirmed(home: list[User], away: list[User], scorer: User) -> MatchConfirmed:
    home_team = uuid.uuid4()
    away_team = uuid.uuid4()
    return MatchConfirmed(
        match_id=uuid.uuid4(),
        sport_id=uuid.uuid4(),
        tournament_id=None,
        playground_id=None,
        home_team_id=home_team,
        away_team_id=away_team,
        home_player_ids=[user.id for user in home],
        away_player_ids=[user.id for user in away],
        home_score=1,
        away_score=0,
        winner_team_id=home_team,
        loser_team_id=away_team,
        result_kind="REGULAR",
        technical=False,
        scheduled_at=PLAYED_AT,
        played_at=PLAYED_AT,
        confirmed_at=PLAYED_AT,
        goals={scorer.id: 1},
    )


async def test_a_rewarded_event_costs_nine_statements(
    container: Container, session: AsyncSession, count_statements: StatementCounter
) -> None:
    first, user = await players(session, 2)
    await handle(container, session, count_statements, team_created(first))

    log = await handle(container, session, count_statements, team_created(user))

    # The claim, the wallet lock, the counted activity, the rules, the boosters, the grant,
    # the transfer with both balances, the XP award with its total, the outbox rows
    # (TransferRecorded, XpAwarded) with the relay's wake-up. It was 15 before tuning.
    assert len(log) == 9, str(log)


async def test_the_catalogues_are_read_once_per_process_not_per_event(
    container: Container, session: AsyncSession, count_statements: StatementCounter
) -> None:
    first, user = await players(session, 2)

    cold = await handle(container, session, count_statements, team_created(first))
    warm = await handle(container, session, count_statements, team_created(user))

    catalogues = ("FROM ranks", "FROM quests", "FROM achievements")
    assert [any(table in sql for sql in cold.statements) for table in catalogues] == [True] * 3
    assert not any(table in sql for sql in warm.statements for table in catalogues), str(warm)


async def test_a_match_costs_statements_per_player_and_grant_not_per_activity(
    container: Container, session: AsyncSession, count_statements: StatementCounter
) -> None:
    warm_up = await players(session, 2)
    await handle(
        container, session, count_statements, match_confirmed(warm_up[:1], warm_up[1:], warm_up[0])
    )
    home_captain, home_player, away_captain, away_player = await players(session, 4)

    log = await handle(
        container,
        session,
        count_statements,
        match_confirmed([home_captain, home_player], [away_captain, away_player], home_player),
    )

    # Seven activities (four played, two won, one scored) of four players earn ten grants:
    # FIRST_MATCH and MATCH_PLAYED each, WIN_MATCH for the winners. The claim, 4 wallet
    # locks, 1 counted-activities insert, 1 rules read, 4 boosters reads, 10 grants, 6 PD
    # transfers (FIRST_MATCH, WIN_MATCH), 6 XP awards (MATCH_PLAYED, WIN_MATCH), the outbox.
    # It was 84 when every activity locked, counted and read on its own.
    assert len(log) == 1 + 4 + 1 + 1 + 4 + 10 + 6 + 6 + 1, str(log)
