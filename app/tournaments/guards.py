"""What the tournaments domain registers with other domains (on import: the schema and the
worker import this module): the disband guard, and the judges and entered rosters of
tournament matches."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.matches.entries import tournament_rosters
from app.matches.judges import tournament_judges
from app.teams.guards import disband_guards
from app.tournaments.registration import entered_rosters
from app.tournaments.repository import EntryRepository
from app.tournaments.staff import judge_ids


async def running_tournament_objection(session: AsyncSession, team_id: uuid.UUID) -> str | None:
    """A team entered in a tournament that is registering or under way cannot disband."""
    tournament = await EntryRepository(session).team_in_running_tournament(team_id)
    if tournament is None:
        return None
    return (
        f"Команда участвует в турнире «{tournament.name}»: "
        "сначала отзовите заявку или дождитесь конца турнира"
    )


disband_guards.add(running_tournament_objection)
tournament_judges.provide(judge_ids)
tournament_rosters.provide(entered_rosters)
