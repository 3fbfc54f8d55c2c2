"""Who may play for a team in a tournament match: the roster of its approved entry.

The organizer approved each entry's roster against the tournament's requirements (ages,
roster size, one team per player), so a tournament match's lineups are limited to it. The
matches domain cannot know tournaments, so the tournaments domain registers how to find the
rosters (``tournament_rosters.provide(...)``), as it does for judges (``judges.py``). Until a
provider is registered nobody is entered, and a tournament match's lineups stay empty.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

RosterProvider = Callable[
    [AsyncSession, uuid.UUID, Sequence[uuid.UUID]], Awaitable[dict[uuid.UUID, list[uuid.UUID]]]
]
"""Entered player ids by team id, for some teams of one tournament."""


class TournamentRosters:
    def __init__(self) -> None:
        self._provider: RosterProvider | None = None

    def provide(self, provider: RosterProvider | None) -> None:
        self._provider = provider

    async def of(
        self, session: AsyncSession, tournament_id: uuid.UUID, team_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, set[uuid.UUID]]:
        """The entered players of each team; a team without an approved entry has none."""
        found = await self._provider(session, tournament_id, team_ids) if self._provider else {}
        return {team_id: set(found.get(team_id, [])) for team_id in team_ids}


tournament_rosters = TournamentRosters()
