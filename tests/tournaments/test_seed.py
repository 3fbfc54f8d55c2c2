"""Demo tournaments: a cup with registration open and a league announced; idempotent."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.economy.models import EscrowHold, EscrowStatus
from app.economy.seed import seed_economy
from app.tournaments.models import EntryStatus, Tournament, TournamentEntry, TournamentStatus
from app.tournaments.seed import seed_tournaments
from tests.matches.test_seed import seed as seed_matches


async def test_demo_tournaments_and_seeding_twice(session: AsyncSession) -> None:
    await seed_matches(session)
    await seed_economy(session)

    await seed_tournaments(session)
    await seed_tournaments(session)

    rows = (await session.execute(select(Tournament.name, Tournament.status))).all()
    assert sorted(rows) == [
        ("Весенняя лига", TournamentStatus.ANNOUNCED),
        ("Кубок двора — осень", TournamentStatus.REGISTRATION),
    ]
    entries = (await session.scalars(select(TournamentEntry.status))).all()
    assert list(entries) == [EntryStatus.APPROVED, EntryStatus.APPROVED]
    holds = (await session.scalars(select(EscrowHold.status))).all()
    assert list(holds) == [EscrowStatus.HELD, EscrowStatus.HELD]
