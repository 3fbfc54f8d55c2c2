from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.matches.judges import tournament_judges
from app.matches.models import LineupPlayer, Match, MatchEvent, MatchReport, MatchStatus
from app.matches.records import LineupRepository, ProtocolRepository, ReportRepository
from app.matches.repository import PLAYED, UPCOMING, MatchRepository

TEAM_PAGE_MATCHES = 5
"""How many upcoming and recent matches a team page shows."""


async def load_matches_by_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[Match | None]:
    found = {m.id: m for m in await MatchRepository(session).get_many(keys)}
    return [found.get(key) for key in keys]


async def load_lineups_by_match_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[LineupPlayer]]:
    grouped: defaultdict[uuid.UUID, list[LineupPlayer]] = defaultdict(list)
    for player in await LineupRepository(session).of_matches(keys):
        grouped[player.match_id].append(player)
    return [grouped[key] for key in keys]


async def load_reports_by_match_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[MatchReport]]:
    grouped: defaultdict[uuid.UUID, list[MatchReport]] = defaultdict(list)
    for report in await ReportRepository(session).of_matches(keys):
        grouped[report.match_id].append(report)
    return [grouped[key] for key in keys]


async def load_protocols_by_match_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[MatchEvent]]:
    grouped: defaultdict[uuid.UUID, list[MatchEvent]] = defaultdict(list)
    for event in await ProtocolRepository(session).of_matches(keys):
        grouped[event.match_id].append(event)
    return [grouped[key] for key in keys]


async def load_match_events_by_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[MatchEvent | None]:
    found = {e.id: e for e in await ProtocolRepository(session).get_many(keys)}
    return [found.get(key) for key in keys]


async def load_judge_ids_by_tournament_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[uuid.UUID]]:
    judges = await tournament_judges.of(session, keys)
    return [judges.get(key, []) for key in keys]


async def load_upcoming_matches_by_team_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[Match]]:
    """The next scheduled or live matches of each team, soonest first."""
    return await _of_teams(session, keys, UPCOMING, soonest_first=True)


async def load_recent_matches_by_team_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[Match]]:
    """The latest played matches (confirmed, awaiting confirmation or disputed), newest first."""
    return await _of_teams(session, keys, PLAYED, soonest_first=False)


async def _of_teams(
    session: AsyncSession,
    keys: Sequence[uuid.UUID],
    statuses: Sequence[MatchStatus],
    *,
    soonest_first: bool,
) -> list[list[Match]]:
    grouped: defaultdict[uuid.UUID, list[Match]] = defaultdict(list)
    rows = await MatchRepository(session).of_teams(
        keys,
        statuses,
        limit=TEAM_PAGE_MATCHES,
        soonest_first=soonest_first,
    )
    for team_id, match in rows:
        grouped[team_id].append(match)
    return [grouped[key] for key in keys]
