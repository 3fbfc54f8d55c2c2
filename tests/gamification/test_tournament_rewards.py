"""Tournaments count for the game: the rosters of the teams that start it took part
("Участие в турнире", "Путь воина", "Путь к славе"), the champion's roster won ("Чемпион
турнира"), once per player and tournament however often the facts are delivered. An approval
alone pays nothing: it can still be withdrawn or its tournament cancelled."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.achievements.models import Achievement, UserAchievement
from app.achievements.seed import seed_achievements
from app.container import Container
from app.db import Database
from app.economy.models import RewardGrant
from app.events import emit
from app.events.envelope import Envelope
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.gamification.handlers import WORKER
from app.quests.models import Quest, QuestProgress
from app.quests.seed import seed_quests
from app.sports.models import Sport
from app.tournaments.events import TournamentFinished, TournamentStarted
from app.tournaments.models import EntryStatus, Tournament, TournamentEntry, TournamentStatus
from app.users.models import User
from tests.economy.support import balance, check_ledger, deliver
from tests.factories import add_member, create_team, create_user
from tests.fixtures.app import GQL, TestClock
from tests.tournaments.helpers import (
    APPLICATION,
    create_entry,
    create_tournament,
    mutate,
    play_round,
    processor,
)

TOURNAMENT_QUESTS = ("special.first-tournament", "onboarding.first-tournament")


async def joined(session: AsyncSession, *users: User) -> dict[str, list[tuple[str, int, int]]]:
    """Each user's JOIN_TOURNAMENT grants: (source, PD, XP)."""
    grants: dict[str, list[tuple[str, int, int]]] = {}
    for user in users:
        stmt = select(RewardGrant.source, RewardGrant.pd, RewardGrant.xp).where(
            RewardGrant.user_id == user.id, RewardGrant.rule_code == "JOIN_TOURNAMENT"
        )
        rows = (await session.execute(stmt)).all()
        grants[user.username] = [(source, pd, xp) for source, pd, xp in rows]
    return grants


async def quest_progress(session: AsyncSession, user: User) -> dict[str, int]:
    stmt = (
        select(Quest.code, QuestProgress.progress)
        .join(QuestProgress, QuestProgress.quest_id == Quest.id)
        .where(QuestProgress.user_id == user.id, Quest.code.in_(TOURNAMENT_QUESTS))
    )
    return dict((await session.execute(stmt)).all())


async def champions(session: AsyncSession) -> list[tuple[uuid.UUID, int]]:
    stmt = (
        select(UserAchievement.user_id, UserAchievement.progress)
        .join(Achievement, Achievement.id == UserAchievement.achievement_id)
        .where(Achievement.code == "tournament-champion", UserAchievement.unlocked_at.is_not(None))
    )
    return [tuple(row) for row in (await session.execute(stmt)).all()]  # type: ignore[misc]


async def reemit(session: AsyncSession, event_type: str) -> None:
    """The same facts again under new envelope ids: past ``processed_events``."""
    for row in await session.scalars(select(OutboxEvent).where(OutboxEvent.type == event_type)):
        emit(session, to_envelope(row).event(), actor_id=None)
    await session.flush()


async def apply(gql: GQL, tournament_id: uuid.UUID, team_id: uuid.UUID, *roster: User) -> str:
    values = {
        "tournamentId": str(tournament_id),
        "teamId": str(team_id),
        "rosterUserIds": [str(user.id) for user in roster],
    }
    applied = await mutate(gql, "applyToTournament", values, roster[0], APPLICATION)
    assert applied["application"]["status"] == "PENDING", applied
    return str(applied["application"]["id"])


async def decide(gql: GQL, application_id: str, organizer: User, *, approve: bool) -> None:
    values = {"applicationId": application_id, "approve": approve}
    if not approve:
        values["reason"] = "Состав не подходит"
    decided = await mutate(gql, "decideTournamentApplication", values, organizer, APPLICATION)
    assert decided["__typename"] == "TournamentApplicationPayload", decided


async def entered(session: AsyncSession, t: Tournament) -> User:
    """A second approved team, so that the tournament can start; returns its captain."""
    captain = await create_user(session, username="rival")
    await create_entry(session, t, captain=captain, status=EntryStatus.APPROVED)
    return captain


async def start(gql: GQL, t: Tournament, organizer: User) -> None:
    started = await mutate(gql, "startTournament", {"tournamentId": str(t.id)}, organizer)
    assert started["tournament"]["status"] == "IN_PROGRESS", started


async def test_the_teams_that_start_pay_their_rosters_and_advance_their_tournament_quests(
    gql: GQL, container: Container, session: AsyncSession
) -> None:
    await seed_quests(session)
    organizer = await create_user(session)
    t = await create_tournament(session, organizer=organizer)
    sport = await session.get_one(Sport, t.sport_id)
    captain = await create_user(session, username="captain")
    team = await create_team(session, captain=captain, sport=sport)
    player = await add_member(
        session, team=team, user=await create_user(session, username="player")
    )
    bench = await add_member(session, team=team, user=await create_user(session, username="bench"))
    late = await create_user(session, username="late")
    await create_entry(session, t, captain=late)  # still pending at the start: dropped
    rival = await entered(session, t)

    await decide(gql, await apply(gql, t.id, team.id, captain, player), organizer, approve=True)
    approved_only = await deliver(container, session)
    paid_at_approval = await joined(session, captain)
    await start(gql, t, organizer)
    await deliver(container, session)

    source = f"tournament:{t.id}"
    assert Outcome.HANDLED in approved_only
    assert paid_at_approval == {"captain": []}
    assert await joined(session, captain, player, bench, late, rival) == {
        "captain": [(source, 200, 250)],
        "player": [(source, 200, 250)],
        "bench": [],
        "late": [],
        "rival": [(source, 200, 250)],
    }
    for user in (captain, player):
        assert await quest_progress(session, user) == dict.fromkeys(TOURNAMENT_QUESTS, 1)
    assert await quest_progress(session, bench) == {}
    assert await balance(session, player) == 50 + 200  # registration, then the tournament
    await check_ledger(session)


async def test_an_approval_undone_before_the_start_pays_nobody(
    gql: GQL, container: Container, session: AsyncSession
) -> None:
    """Approve, then cancel the tournament (or withdraw): no reward to farm."""
    organizer = await create_user(session)
    t = await create_tournament(session, organizer=organizer)
    captain = await create_user(session, username="captain")
    team = await create_team(
        session, captain=captain, sport=await session.get_one(Sport, t.sport_id)
    )
    await decide(gql, await apply(gql, t.id, team.id, captain), organizer, approve=True)
    cancelled = await mutate(
        gql, "cancelTournament", {"tournamentId": str(t.id), "reason": "Дождь"}, organizer
    )

    outcomes = await deliver(container, session)

    assert cancelled["tournament"]["status"] == "CANCELLED", cancelled
    assert Outcome.HANDLED in outcomes
    assert await joined(session, captain) == {"captain": []}
    await check_ledger(session)


async def test_redelivered_and_repeated_starts_pay_once(
    gql: GQL, container: Container, session: AsyncSession
) -> None:
    organizer = await create_user(session)
    t = await create_tournament(session, organizer=organizer)
    captain = await create_user(session, username="captain")
    await create_entry(session, t, captain=captain, status=EntryStatus.APPROVED)
    await entered(session, t)
    await start(gql, t, organizer)
    await deliver(container, session)

    redelivered = await deliver(container, session)
    await reemit(session, "tournament.started")
    again = await deliver(container, session)

    assert Outcome.DUPLICATE in redelivered
    assert Outcome.HANDLED not in redelivered
    assert Outcome.HANDLED in again
    assert await joined(session, captain) == {"captain": [(f"tournament:{t.id}", 200, 250)]}
    assert await balance(session, captain) == 50 + 200  # registration, then the tournament
    await check_ledger(session)


async def test_a_start_written_before_rosters_travelled_decodes_and_pays_nobody(
    container: Container, session: AsyncSession
) -> None:
    """Old ``tournament.started`` payloads (no participants) still decode, as version 1."""
    captain = await create_user(session, username="captain")
    event = TournamentStarted(
        tournament_id=uuid.uuid4(), team_ids=[uuid.uuid4()], seeding="RATING", seeding_seed=None
    )
    payload: dict[str, Any] = event.model_dump(mode="json")
    del payload["participant_user_ids"]
    envelope = Envelope.wrap(event, actor_id=None).model_copy(update={"payload": payload})

    assert envelope.event() == event
    outcome = await processor_for(container, container.db).process(envelope)

    assert outcome == Outcome.HANDLED
    assert await joined(session, captain) == {"captain": []}


async def test_the_champions_roster_wins_the_tournament_once(
    gql: GQL, database: Database, container: Container, session: AsyncSession, clock: TestClock
) -> None:
    await seed_achievements(session)
    organizer = await create_user(session)
    t = await create_tournament(session, organizer=organizer)
    captains: dict[uuid.UUID, User] = {}
    for _ in range(2):
        captain = await create_user(session)
        entry = await create_entry(session, t, captain=captain, status=EntryStatus.APPROVED)
        captains[entry.team_id] = captain
    await mutate(gql, "startTournament", {"tournamentId": str(t.id)}, organizer)
    entries = (
        await session.scalars(select(TournamentEntry).where(TournamentEntry.tournament_id == t.id))
    ).all()
    seed_of = {e.team_id: e.seed or 0 for e in entries}
    tournaments = processor(database, container, clock)
    await play_round(gql, session, tournaments, clock, captains, seed_of, t.id, 0)

    await deliver(container, session)
    await reemit(session, "tournament.finished")
    await deliver(container, session)

    session.expunge_all()
    assert (await session.get_one(Tournament, t.id)).status == TournamentStatus.FINISHED
    [finished] = await session.scalars(
        select(OutboxEvent).where(OutboxEvent.type == "tournament.finished").limit(1)
    )
    event = to_envelope(finished).event()
    assert isinstance(event, TournamentFinished)
    champion = captains[event.champion_team_id]
    assert event.champion_roster_user_ids == [champion.id]
    assert await champions(session) == [(champion.id, 1)]


async def test_concurrent_copies_of_one_start_pay_once(
    committed_database: Database, container: Container
) -> None:
    """Copies under new envelope ids (and one envelope twice) race for the same wallets."""
    async with committed_database.transaction() as session:
        roster = [await create_user(session), await create_user(session)]
    event = TournamentStarted(
        tournament_id=uuid.uuid4(),
        team_ids=[uuid.uuid4(), uuid.uuid4()],
        seeding="RATING",
        seeding_seed=None,
        participant_user_ids=[user.id for user in roster],
    )
    envelopes = [Envelope.wrap(event, actor_id=None) for _ in range(8)]
    worker = processor_for(container, committed_database)

    outcomes = await asyncio.gather(*(worker.process(e) for e in [*envelopes, envelopes[0]]))

    assert outcomes.count(Outcome.DEAD_LETTERED) == 0
    async with committed_database.transaction() as session:
        assert await joined(session, *roster) == {
            user.username: [(f"tournament:{event.tournament_id}", 200, 250)] for user in roster
        }
        assert [await balance(session, user) for user in roster] == [200, 200]
        await check_ledger(session)


def processor_for(container: Container, db: Database) -> EventProcessor:
    settings = container.settings.events
    return EventProcessor(WORKER, db, settings, clock=container.clock, services=container)
