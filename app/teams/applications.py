"""Applications (заявки): a player asks to join, the captain accepts or declines.

An application is seen by its applicant and by the team's captain, nobody else: to anyone
else it does not exist (``NotFoundError``); the one party acting in the other's place gets
``AccessDeniedError``. Changes lock the team row first, like every roster change.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError, NotFoundError
from app.events import emit
from app.pagination import Page, PageRequest
from app.teams import roster
from app.teams.errors import (
    AlreadyTeamMemberError,
    ApplicationAlreadyPendingError,
    ApplicationNotPendingError,
    InvitationAlreadyPendingError,
)
from app.teams.events import (
    TeamApplicationDecided,
    TeamApplicationSubmitted,
    TeamApplicationWithdrawn,
)
from app.teams.models import ApplicationStatus, Team, TeamApplication, TeamMember, TeamRole
from app.teams.repository import (
    ApplicationRepository,
    InvitationRepository,
    MemberRepository,
    TeamRepository,
)
from app.teams.service import is_captain, lock_active_team, require_captain
from app.validation import Validator


class Decision(StrEnum):
    ACCEPT = "ACCEPT"
    DECLINE = "DECLINE"


async def apply_to_team(
    session: AsyncSession,
    actor: Principal,
    team_id: uuid.UUID,
    message: str | None,
    *,
    now: datetime,
) -> TeamApplication:
    """Apply as the caller (never someone named in the input).

    A player the team already invited is pointed at the invitation rather than starting a
    second request, so one user and one team have at most one open request.
    """
    v = Validator()
    text = v.text("message", message, max_len=500)
    v.raise_if_any()
    team = await lock_active_team(session, team_id)
    if await MemberRepository(session).get(team.id, actor.user_id) is not None:
        raise AlreadyTeamMemberError("Вы уже в этой команде")
    applications = ApplicationRepository(session)
    if await applications.pending(team.id, actor.user_id) is not None:
        raise ApplicationAlreadyPendingError()
    if await InvitationRepository(session).pending(team.id, actor.user_id) is not None:
        raise InvitationAlreadyPendingError("Команда уже пригласила вас: ответьте на приглашение")
    await roster.ensure_room(session, team)
    application = await applications.add(
        TeamApplication(team_id=team.id, user_id=actor.user_id, message=text, created_at=now)
    )
    captain = await _captain_id(session, team)
    event = TeamApplicationSubmitted(
        team_id=team.id, application_id=application.id, user_id=actor.user_id, captain_id=captain
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return application


async def withdraw_application(
    session: AsyncSession, actor: Principal, application_id: uuid.UUID, *, now: datetime
) -> TeamApplication:
    application, _ = await _locked(session, actor, application_id)
    if application.user_id != actor.user_id:
        raise AccessDeniedError("Отозвать заявку может только тот, кто её подал")
    _ensure_pending(application)
    application.status = ApplicationStatus.WITHDRAWN
    application.decided_at = now
    await session.flush()
    event = TeamApplicationWithdrawn(
        team_id=application.team_id, application_id=application.id, user_id=actor.user_id
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return application


async def decide_application(
    session: AsyncSession,
    actor: Principal,
    application_id: uuid.UUID,
    decision: Decision,
    reason: str | None,
    *,
    now: datetime,
) -> tuple[TeamApplication, TeamMember | None]:
    """Accepting adds the applicant as a player in the same transaction."""
    v = Validator()
    reason = v.text("reason", reason, max_len=500)
    v.raise_if_any()
    application, team = await _locked(session, actor, application_id)
    await require_captain(session, actor, team)
    _ensure_pending(application)
    member = None
    if decision is Decision.ACCEPT:
        member = await roster.join(
            session,
            team,
            application.user_id,
            TeamRole.PLAYER,
            via="APPLICATION",
            actor_id=actor.user_id,
            now=now,
        )
    application.status = (
        ApplicationStatus.ACCEPTED if decision is Decision.ACCEPT else ApplicationStatus.DECLINED
    )
    application.decided_by_id = actor.user_id
    application.decision_reason = reason
    application.decided_at = now
    await session.flush()
    event = TeamApplicationDecided(
        team_id=team.id,
        application_id=application.id,
        user_id=application.user_id,
        decision=application.status.value,
        reason=reason,
        decided_by=actor.user_id,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return application, member


async def application_for_captain(
    session: AsyncSession, viewer: Principal, application_id: uuid.UUID
) -> tuple[TeamApplication, Team]:
    """An application and its team, for the team's captain (the applicant gets FORBIDDEN)."""
    application = await ApplicationRepository(session).get(application_id)
    if application is None or not await _visible(session, viewer, application):
        raise NotFoundError()
    team = await TeamRepository(session).get(application.team_id)
    if team is None:
        raise NotFoundError()
    await require_captain(session, viewer, team)
    return application, team


async def list_team_applications(
    session: AsyncSession,
    viewer: Principal,
    team_id: uuid.UUID,
    *,
    status: ApplicationStatus | None,
    page: PageRequest,
) -> Page[TeamApplication] | None:
    """For the team's captain; ``None`` when there is no such team."""
    team = await TeamRepository(session).get(team_id)
    if team is None:
        return None
    await require_captain(session, viewer, team)
    return await ApplicationRepository(session).page_for_team(team.id, status, page)


async def list_my_applications(
    session: AsyncSession,
    viewer: Principal,
    *,
    status: ApplicationStatus | None,
    page: PageRequest,
) -> Page[TeamApplication]:
    return await ApplicationRepository(session).page_for_user(viewer.user_id, status, page)


async def _locked(
    session: AsyncSession, actor: Principal, application_id: uuid.UUID
) -> tuple[TeamApplication, Team]:
    """The application, re-read after taking its team's lock, if ``actor`` may see it."""
    applications = ApplicationRepository(session)
    found = await applications.get(application_id)
    if found is None or not await _visible(session, actor, found):
        raise NotFoundError()
    team = await lock_active_team(session, found.team_id)
    application = await applications.get(application_id, fresh=True)
    if application is None:
        raise NotFoundError()
    return application, team


async def _visible(session: AsyncSession, actor: Principal, application: TeamApplication) -> bool:
    if application.user_id == actor.user_id:
        return True
    return await is_captain(session, actor.user_id, application.team_id)


def _ensure_pending(application: TeamApplication) -> None:
    if application.status is not ApplicationStatus.PENDING:
        raise ApplicationNotPendingError(status=application.status)


async def _captain_id(session: AsyncSession, team: Team) -> uuid.UUID:
    [captain] = await MemberRepository(session).captains_of([team.id])
    return captain.user_id
