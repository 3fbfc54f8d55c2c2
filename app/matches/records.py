"""Repositories of what is recorded about a match: lineups, reported scores, the protocol."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import any_of
from app.matches.models import LineupPlayer, MatchEvent, MatchReport

# Statements of the hot reads, built once: building one costs more than running it.
_LINEUPS = (
    select(LineupPlayer)
    .where(any_of(LineupPlayer.match_id, "match_ids"))
    .order_by(LineupPlayer.match_id, LineupPlayer.team_id, LineupPlayer.position)
)
_REPORTS = (
    select(MatchReport)
    .where(any_of(MatchReport.match_id, "match_ids"))
    .order_by(MatchReport.match_id, MatchReport.reported_at)
)
_PROTOCOLS = (
    select(MatchEvent)
    .where(any_of(MatchEvent.match_id, "match_ids"))
    .order_by(MatchEvent.match_id, MatchEvent.minute, MatchEvent.number)
)
_EVENTS_BY_IDS = select(MatchEvent).where(any_of(MatchEvent.id, "ids"))


class LineupRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_matches(self, match_ids: Sequence[uuid.UUID]) -> list[LineupPlayer]:
        return list((await self.session.scalars(_LINEUPS, {"match_ids": list(match_ids)})).all())

    async def by_team(self, match_id: uuid.UUID) -> dict[uuid.UUID, list[uuid.UUID]]:
        """Player ids of each side that has a lineup, in the captain's order."""
        lineups: dict[uuid.UUID, list[uuid.UUID]] = {}
        for player in await self.of_matches([match_id]):
            lineups.setdefault(player.team_id, []).append(player.user_id)
        return lineups

    async def replace(
        self, match_id: uuid.UUID, team_id: uuid.UUID, user_ids: Sequence[uuid.UUID]
    ) -> None:
        await self.session.execute(
            delete(LineupPlayer).where(
                LineupPlayer.match_id == match_id, LineupPlayer.team_id == team_id
            )
        )
        self.session.add_all(
            LineupPlayer(match_id=match_id, team_id=team_id, user_id=user_id, position=i)
            for i, user_id in enumerate(user_ids)
        )
        await self.session.flush()


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_matches(self, match_ids: Sequence[uuid.UUID]) -> list[MatchReport]:
        return list((await self.session.scalars(_REPORTS, {"match_ids": list(match_ids)})).all())

    async def add(self, report: MatchReport) -> MatchReport:
        self.session.add(report)
        await self.session.flush()
        return report


class ProtocolRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_matches(self, match_ids: Sequence[uuid.UUID]) -> list[MatchEvent]:
        """Each match's protocol in match time: by minute, then in the order recorded."""
        rows = await self.session.scalars(_PROTOCOLS, {"match_ids": list(match_ids)})
        return list(rows.all())

    async def get_many(self, event_ids: Sequence[uuid.UUID]) -> list[MatchEvent]:
        return list((await self.session.scalars(_EVENTS_BY_IDS, {"ids": list(event_ids)})).all())

    async def add(self, event: MatchEvent) -> MatchEvent:
        self.session.add(event)
        await self.session.flush()
        return event
