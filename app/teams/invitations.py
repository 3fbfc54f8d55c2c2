"""Invitations: the captain invites a user, the user accepts or declines.

An invitation is seen by the invitee and by the team's captain only. Whether the captain may
invite someone follows the invitee's ``invite_permission`` (users' privacy settings).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError, FieldCode, FieldIssue, NotFoundError, ValidationError
from app.events import emit
from app.pagination import Page, PageRequest
from app.social import service as social
from app.teams import roster
from app.teams.errors import (
    AlreadyTeamMemberError,
    ApplicationAlreadyPendingError,
    InvitationAlreadyPendingError,
    InvitationNotAllowedError,
    InvitationNotPendingError,
)
from app.teams.events import TeamInvitationAnswered, TeamInvitationSent
from app.teams.models import InvitationStatus, Team, TeamInvitation, TeamMember, TeamRole
from app.teams.repository import (
    ApplicationRepository,
    InvitationRepository,
    MemberRepository,
    TeamRepository,
)
from app.teams.service import is_captain, lock_active_team, require_captain
from app.users import service as users
from app.users.models import User


class Answer(StrEnum):
    ACCEPT = "ACCEPT"
    DECLINE = "DECLINE"


async def invite_to_team(
    session: AsyncSession,
    actor: Principal,
    team_id: uuid.UUID,
    user_id: uuid.UUID,
    role: TeamRole,
    *,
    now: datetime,
) -> TeamInvitation:
    """A player who already applied is waiting for a decision, not an invitation."""
    if role is TeamRole.CAPTAIN:
        raise _field("role", FieldCode.NOT_ALLOWED, "Капитанство передаётся, а не приглашается")
    team = await lock_active_team(session, team_id)
    await require_captain(session, actor, team)
    invitee = await users.get_user(session, actor, user_id)
    if invitee is None:
        raise _field("userId", FieldCode.NOT_FOUND, "Пользователь не найден")
    if await MemberRepository(session).get(team.id, invitee.id) is not None:
        raise AlreadyTeamMemberError()
    if not await _invite_permitted(session, actor, invitee):
        raise InvitationNotAllowedError()
    invitations = InvitationRepository(session)
    if await invitations.pending(team.id, invitee.id) is not None:
        raise InvitationAlreadyPendingError()
    if await ApplicationRepository(session).pending(team.id, invitee.id) is not None:
        raise ApplicationAlreadyPendingError("Игрок уже подал заявку: рассмотрите её")
    await roster.ensure_room(session, team)
    invitation = await invitations.add(
        TeamInvitation(
            team_id=team.id,
            user_id=invitee.id,
            invited_by_id=actor.user_id,
            role=role,
            created_at=now,
        )
    )
    event = TeamInvitationSent(
        team_id=team.id,
        invitation_id=invitation.id,
        user_id=invitee.id,
        invited_by=actor.user_id,
        role=role.value,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return invitation


async def respond_to_invitation(
    session: AsyncSession,
    actor: Principal,
    invitation_id: uuid.UUID,
    answer: Answer,
    *,
    now: datetime,
) -> tuple[TeamInvitation, TeamMember | None]:
    """Accepting joins the team with the invitation's role, in the same transaction."""
    invitation, team = await _locked(session, actor, invitation_id)
    if invitation.user_id != actor.user_id:
        raise AccessDeniedError("Ответить на приглашение может только приглашённый")
    if invitation.status is not InvitationStatus.PENDING:
        raise InvitationNotPendingError(status=invitation.status)
    member = None
    if answer is Answer.ACCEPT:
        member = await roster.join(
            session,
            team,
            actor.user_id,
            invitation.role,
            via="INVITATION",
            actor_id=actor.user_id,
            now=now,
        )
    invitation.status = (
        InvitationStatus.ACCEPTED if answer is Answer.ACCEPT else InvitationStatus.DECLINED
    )
    invitation.answered_at = now
    await session.flush()
    event = TeamInvitationAnswered(
        team_id=team.id,
        invitation_id=invitation.id,
        user_id=actor.user_id,
        answer=invitation.status.value,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return invitation, member


async def list_team_invitations(
    session: AsyncSession,
    viewer: Principal,
    team_id: uuid.UUID,
    *,
    status: InvitationStatus | None,
    page: PageRequest,
) -> Page[TeamInvitation] | None:
    """For the team's captain; ``None`` when there is no such team."""
    team = await TeamRepository(session).get(team_id)
    if team is None:
        return None
    await require_captain(session, viewer, team)
    return await InvitationRepository(session).page_for_team(team.id, status, page)


async def list_my_invitations(
    session: AsyncSession,
    viewer: Principal,
    *,
    status: InvitationStatus | None,
    page: PageRequest,
) -> Page[TeamInvitation]:
    return await InvitationRepository(session).page_for_user(viewer.user_id, status, page)


async def _invite_permitted(session: AsyncSession, actor: Principal, invitee: User) -> bool:
    """The invitee's ``invite_permission`` decides; staff rank does not override it.

    A moderator's team invites like anyone's: only self and friendship count here.
    """
    friends = await social.are_friends(session, actor.user_id, invitee.id)
    if invitee.id == actor.user_id:
        relation = users.Relation.SELF
    else:
        relation = users.Relation.FRIEND if friends else users.Relation.OTHER
    return users.audience_allows(invitee.invite_permission, relation)


async def _locked(
    session: AsyncSession, actor: Principal, invitation_id: uuid.UUID
) -> tuple[TeamInvitation, Team]:
    """The invitation, re-read after taking its team's lock, if ``actor`` may see it."""
    invitations = InvitationRepository(session)
    found = await invitations.get(invitation_id)
    if found is None or not await _visible(session, actor, found):
        raise NotFoundError()
    team = await lock_active_team(session, found.team_id)
    invitation = await invitations.get(invitation_id, fresh=True)
    if invitation is None:
        raise NotFoundError()
    return invitation, team


async def _visible(session: AsyncSession, actor: Principal, invitation: TeamInvitation) -> bool:
    if invitation.user_id == actor.user_id:
        return True
    return await is_captain(session, actor.user_id, invitation.team_id)


def _field(path: str, code: FieldCode, message: str) -> ValidationError:
    return ValidationError([FieldIssue(path, code, message)])
