"""Team rosters: joining (through applications and invitations), leaving, removal, captaincy.

Every change holds the team row lock (``lock_active_team``), so two acceptances racing for the
last free place are serialised and the second one sees a full roster.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import FieldCode, FieldIssue, ValidationError
from app.events import emit
from app.sports import service as sports
from app.teams.errors import (
    AlreadyTeamMemberError,
    CaptainCannotLeaveError,
    NotTeamMemberError,
    RosterFullError,
)
from app.teams.events import TeamCaptainChanged, TeamMemberJoined, TeamMemberLeft
from app.teams.models import Team, TeamMember, TeamRole
from app.teams.repository import MemberRepository, TeamRepository
from app.teams.service import ensure_may_captain, lock_active_team, require_captain


async def leave_team(
    session: AsyncSession, actor: Principal, team_id: uuid.UUID, *, now: datetime
) -> Team:
    """A captain hands the team over (or disbands it) first: a team always has a captain."""
    team = await lock_active_team(session, team_id)
    members = MemberRepository(session)
    member = await members.get(team.id, actor.user_id)
    if member is None:
        raise NotTeamMemberError("Вы не состоите в этой команде")
    if member.role is TeamRole.CAPTAIN:
        raise CaptainCannotLeaveError()
    await members.remove(member)
    event = TeamMemberLeft(team_id=team.id, user_id=actor.user_id, reason="LEFT")
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return team


async def remove_member(
    session: AsyncSession,
    actor: Principal,
    team_id: uuid.UUID,
    user_id: uuid.UUID,
    *,
    now: datetime,
) -> Team:
    team = await lock_active_team(session, team_id)
    await require_captain(session, actor, team)
    if user_id == actor.user_id:
        raise _not_yourself("Капитан не может исключить себя: передайте капитанство")
    members = MemberRepository(session)
    member = await members.get(team.id, user_id)
    if member is None:
        raise NotTeamMemberError()
    await members.remove(member)
    event = TeamMemberLeft(
        team_id=team.id, user_id=user_id, reason="REMOVED", removed_by=actor.user_id
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return team


async def transfer_captaincy(
    session: AsyncSession,
    actor: Principal,
    team_id: uuid.UUID,
    user_id: uuid.UUID,
    *,
    now: datetime,
    max_captained: int,
) -> Team:
    """Hand the team to another member; the old captain stays on as a player.

    Realm roles (``CAPTAIN``) are not touched: captaincy of a team is a membership fact, and
    the old captain may still lead other teams.
    """
    team = await lock_active_team(session, team_id)
    captain = await require_captain(session, actor, team)
    if user_id == actor.user_id:
        raise _not_yourself("Вы уже капитан этой команды")
    members = MemberRepository(session)
    successor = await members.get(team.id, user_id)
    if successor is None:
        raise NotTeamMemberError()
    await ensure_may_captain(TeamRepository(session), user_id, max_captained)
    await members.set_role(captain, TeamRole.PLAYER)
    await members.set_role(successor, TeamRole.CAPTAIN)
    event = TeamCaptainChanged(
        team_id=team.id, previous_captain_id=actor.user_id, captain_id=user_id
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return team


async def join(
    session: AsyncSession,
    team: Team,
    user_id: uuid.UUID,
    role: TeamRole,
    *,
    via: Literal["APPLICATION", "INVITATION"],
    actor_id: uuid.UUID,
    now: datetime,
) -> TeamMember:
    """Add a member to a team whose row the caller has locked."""
    members = MemberRepository(session)
    if await members.get(team.id, user_id) is not None:
        raise AlreadyTeamMemberError()
    await ensure_room(session, team)
    member = await members.add(team.id, user_id, role, now)
    event = TeamMemberJoined(team_id=team.id, user_id=user_id, role=role.value, via=via)
    emit(session, event, actor_id=actor_id, occurred_at=now)
    return member


async def ensure_room(session: AsyncSession, team: Team) -> None:
    """The sport's roster maximum counts every member, staff included."""
    sport = await sports.get_sport(session, team.sport_id)
    limit = sport.roster_max if sport else None
    if limit is not None and await MemberRepository(session).count(team.id) >= limit:
        raise RosterFullError(limit=limit)


def _not_yourself(message: str) -> ValidationError:
    return ValidationError([FieldIssue("userId", FieldCode.NOT_ALLOWED, message)])
