from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.tournaments.models import (
    EntryStatus,
    Tournament,
    TournamentAnnouncement,
    TournamentEntry,
    TournamentMatch,
)
from app.tournaments.repository import (
    AnnouncementRepository,
    EntryRepository,
    SlotRepository,
    TournamentRepository,
)

ANNOUNCEMENTS_SHOWN = 20
TEAM_TOURNAMENTS_SHOWN = 20


async def load_tournaments_by_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[Tournament | None]:
    found = {t.id: t for t in await TournamentRepository(session).get_many(keys)}
    return [found.get(key) for key in keys]


async def load_tournament_entries_by_tournament_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[TournamentEntry]]:
    """Every entry, seed order first (callers filter by status)."""
    grouped: defaultdict[uuid.UUID, list[TournamentEntry]] = defaultdict(list)
    for entry in await EntryRepository(session).of_tournaments(keys, list(EntryStatus)):
        grouped[entry.tournament_id].append(entry)
    return [grouped[key] for key in keys]


async def load_tournament_entries_by_team_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[TournamentEntry]]:
    """Each team's latest approved entries, newest tournament first."""
    grouped: defaultdict[uuid.UUID, list[TournamentEntry]] = defaultdict(list)
    for entry in await EntryRepository(session).approved_of_teams(keys, TEAM_TOURNAMENTS_SHOWN):
        grouped[entry.team_id].append(entry)
    return [grouped[key] for key in keys]


async def load_tournament_slots_by_tournament_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[TournamentMatch]]:
    grouped: defaultdict[uuid.UUID, list[TournamentMatch]] = defaultdict(list)
    for row in await SlotRepository(session).of_tournaments(keys):
        grouped[row.tournament_id].append(row)
    return [grouped[key] for key in keys]


async def load_tournament_announcements_by_tournament_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[TournamentAnnouncement]]:
    grouped: defaultdict[uuid.UUID, list[TournamentAnnouncement]] = defaultdict(list)
    for item in await AnnouncementRepository(session).of_tournaments(keys, ANNOUNCEMENTS_SHOWN):
        grouped[item.tournament_id].append(item)
    return [grouped[key] for key in keys]
