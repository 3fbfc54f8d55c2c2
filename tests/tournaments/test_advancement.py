"""Swiss and groups-then-playoff tournaments advance on confirmations and finish."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.container import Container
from app.db import Database
from app.tournaments.models import (
    EntryStatus,
    Tournament,
    TournamentEntry,
    TournamentFormat,
    TournamentMatch,
    TournamentStatus,
)
from tests.factories import create_user
from tests.fixtures.app import GQL, TestClock
from tests.tournaments.helpers import (
    create_entry,
    create_tournament,
    mutate,
    play_round,
    processor,
)


@pytest.mark.parametrize(
    ("fmt", "teams", "fields", "matches", "podium"),
    [
        (TournamentFormat.SWISS, 5, {}, 6, [1, 2]),
        (
            TournamentFormat.GROUPS_PLAYOFF,
            6,
            {"group_count": 2, "advance_per_group": 2, "third_place": True},
            6 + 4,
            [1, 2, 3, 4],
        ),
        (TournamentFormat.SINGLE_ELIMINATION, 6, {"third_place": True}, 6, [1, 2, 3, 4]),
    ],
)
async def test_the_better_seed_always_winning_finishes_in_seed_order(
    gql: GQL,
    session: AsyncSession,
    database: Database,
    container: Container,
    clock: TestClock,
    fmt: TournamentFormat,
    teams: int,
    fields: dict[str, object],
    matches: int,
    podium: list[int],
) -> None:
    organizer = await create_user(session)
    t = await create_tournament(session, organizer=organizer, format=fmt, **fields)
    captains = {}
    for _ in range(teams):
        captain = await create_user(session)
        entry = await create_entry(session, t, captain=captain, status=EntryStatus.APPROVED)
        captains[entry.team_id] = captain
    await mutate(gql, "startTournament", {"tournamentId": str(t.id)}, organizer)
    seed_of = {
        e.team_id: e.seed or 0
        for e in (
            await session.scalars(
                select(TournamentEntry).where(TournamentEntry.tournament_id == t.id)
            )
        ).all()
    }
    worker = processor(database, container, clock)

    played, seq = 0, 0
    while True:
        count, seq = await play_round(gql, session, worker, clock, captains, seed_of, t.id, seq)
        if count == 0:
            break
        played += count

    session.expunge_all()
    finished = await session.get_one(Tournament, t.id)
    assert finished.status == TournamentStatus.FINISHED
    assert played == matches
    entries = (
        await session.scalars(select(TournamentEntry).where(TournamentEntry.tournament_id == t.id))
    ).all()
    places = {e.seed: e.placement for e in entries}
    assert [places[s] for s in range(1, len(podium) + 1)] == podium
    assert finished.champion_team_id == next(e.team_id for e in entries if e.seed == 1)
    byes = (
        await session.scalars(
            select(TournamentMatch).where(
                TournamentMatch.tournament_id == t.id, TournamentMatch.away_seed.is_(None)
            )
        )
    ).all()
    assert (
        len({b.home_seed for b in byes}) == len(byes) == (3 if fmt == TournamentFormat.SWISS else 0)
    )
