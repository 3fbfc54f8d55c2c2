"""Disband guards: other domains' objections to disbanding a team right now.

The teams domain cannot know about tournaments (or anything else that may hold a team), so
``disbandTeam`` asks every registered guard first. A guard returns ``None`` when it has no
objection, or a reason in Russian that the captain will read in ``TeamDisbandBlocked``.
It runs inside the disbanding transaction, after the team row is locked.

The tournaments domain registers its "not while in a running tournament" rule here, e.g. in
its service module: ``disband_guards.add(team_in_running_tournament)``.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

DisbandGuard = Callable[[AsyncSession, uuid.UUID], Awaitable[str | None]]


class DisbandGuards:
    def __init__(self) -> None:
        self._guards: list[DisbandGuard] = []

    def add(self, guard: DisbandGuard) -> None:
        if guard not in self._guards:
            self._guards.append(guard)

    def discard(self, guard: DisbandGuard) -> None:
        if guard in self._guards:
            self._guards.remove(guard)

    async def objection(self, session: AsyncSession, team_id: uuid.UUID) -> str | None:
        """The first guard's reason against disbanding, or ``None`` if all agree."""
        for guard in self._guards:
            reason = await guard(session, team_id)
            if reason is not None:
                return reason
        return None


disband_guards = DisbandGuards()
