"""Thirteen teams register, the organizer approves, double elimination runs to the end."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.container import Container
from app.db import Database
from app.events.outbox import to_envelope
from app.events.processor import Outcome
from app.tournaments.models import Tournament, TournamentEntry, TournamentMatch, TournamentStatus
from tests.fixtures.app import GQL, TestClock
from tests.tournaments.helpers import (
    arrange,
    confirmations_since,
    mutate,
    open_tournament,
    play_round,
    processor,
    register_all,
)


async def test_thirteen_teams_play_double_elimination_to_the_end(
    gql: GQL, session: AsyncSession, database: Database, container: Container, clock: TestClock
) -> None:
    setup = await arrange(session, 13)
    tournament_id = await open_tournament(gql, setup, clock.now())
    await register_all(gql, setup, tournament_id)

    started = await mutate(gql, "startTournament", {"tournamentId": tournament_id}, setup.organizer)

    assert started["tournament"]["status"] == "IN_PROGRESS"
    tid = uuid.UUID(tournament_id)
    entries = (
        await session.scalars(select(TournamentEntry).where(TournamentEntry.tournament_id == tid))
    ).all()
    seed_of = {e.team_id: e.seed or 0 for e in entries}
    assert [seed_of[c.team.id] for c in setup.clubs] == list(range(1, 14))
    captains = {c.team.id: c.captain for c in setup.clubs}
    worker = processor(database, container, clock)
    played, seq, rounds = 0, 0, 0
    while True:
        count, seq = await play_round(gql, session, worker, clock, captains, seed_of, tid, seq)
        if count == 0:
            break
        played, rounds = played + count, rounds + 1

    session.expunge_all()
    tournament = await session.get(Tournament, tid)
    assert tournament is not None
    assert tournament.status == TournamentStatus.FINISHED
    assert tournament.champion_team_id == setup.clubs[0].team.id
    assert played == 24, "2n - 2 matches: no grand-final reset when the winners' champion wins"
    entries = (
        await session.scalars(select(TournamentEntry).where(TournamentEntry.tournament_id == tid))
    ).all()
    placements = {(e.seed or 0): e.placement for e in entries}
    assert placements == {
        1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 5, 7: 7, 8: 7,
        9: 9, 10: 9, 11: 9, 12: 9, 13: 13,
    }  # fmt: skip
    finished = await confirmations_since(session, 0)
    slots_before = (await session.scalars(select(TournamentMatch))).all()
    snapshot = sorted((s.slot_key, s.match_id, s.confirmed_at) for s in slots_before)
    envelope = to_envelope(finished[-1])
    assert await worker.process(envelope) == Outcome.DUPLICATE
    assert await worker.process(envelope.model_copy(update={"id": uuid.uuid4()})) == Outcome.HANDLED
    session.expunge_all()
    slots_after = (await session.scalars(select(TournamentMatch))).all()
    assert sorted((s.slot_key, s.match_id, s.confirmed_at) for s in slots_after) == snapshot
