"""Who judges a match: the judges of its tournament. Moderators may always act as judges.

The matches domain cannot know tournaments (they come later and build on matches), so the
tournaments domain registers how to find a tournament's judges here, e.g. in its service
module: ``tournament_judges.provide(judge_ids_of_tournament)``. Until a provider is
registered, and for friendly matches (no tournament), a match has no judges of its own and
disputes go to moderators.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

JudgeProvider = Callable[
    [AsyncSession, Sequence[uuid.UUID]], Awaitable[dict[uuid.UUID, list[uuid.UUID]]]
]
"""Judges by tournament id, for many tournaments at once (one query for a list of matches)."""


class TournamentJudges:
    def __init__(self) -> None:
        self._provider: JudgeProvider | None = None

    def provide(self, provider: JudgeProvider | None) -> None:
        self._provider = provider

    async def of(
        self, session: AsyncSession, tournament_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, list[uuid.UUID]]:
        """Judge user ids by tournament; tournaments without judges may be left out."""
        if self._provider is None or not tournament_ids:
            return {}
        return await self._provider(session, tournament_ids)


tournament_judges = TournamentJudges()
