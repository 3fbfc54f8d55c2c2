from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.teams.models import Team, TeamMember
from app.teams.repository import MemberRepository, TeamRepository


async def load_teams_by_id(session: AsyncSession, keys: Sequence[uuid.UUID]) -> list[Team | None]:
    teams = {team.id: team for team in await TeamRepository(session).get_many(keys)}
    return [teams.get(key) for key in keys]


async def load_teams_by_member_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[Team]]:
    teams: defaultdict[uuid.UUID, list[Team]] = defaultdict(list)
    for user_id, team in await TeamRepository(session).active_of_members(keys):
        teams[user_id].append(team)
    return [teams[key] for key in keys]


async def load_members_by_team_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[TeamMember]]:
    members: defaultdict[uuid.UUID, list[TeamMember]] = defaultdict(list)
    for member in await MemberRepository(session).of_teams(keys):
        members[member.team_id].append(member)
    return [members[key] for key in keys]


async def load_captains_by_team_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[TeamMember | None]:
    captains = {m.team_id: m for m in await MemberRepository(session).captains_of(keys)}
    return [captains.get(key) for key in keys]


async def load_member_counts_by_team_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[int]:
    counts = await MemberRepository(session).counts(keys)
    return [counts.get(key, 0) for key in keys]


async def load_home_playground_ids_by_team_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[uuid.UUID]]:
    homes: defaultdict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for team_id, playground_id in await TeamRepository(session).home_playground_ids(keys):
        homes[team_id].append(playground_id)
    return [homes[key] for key in keys]
