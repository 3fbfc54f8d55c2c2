from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.notifications.catalogue import NotificationType
from app.notifications.service import Entity, Notice
from app.notifications.triggers.base import Trigger, name_of
from app.teams import service as teams
from app.teams.events import (
    TeamApplicationDecided,
    TeamApplicationSubmitted,
    TeamCaptainChanged,
    TeamDisbanded,
    TeamInvitationAnswered,
    TeamInvitationSent,
    TeamMemberLeft,
)
from app.teams.models import Team

AS_ROLE = {"PLAYER": "игрока", "COACH": "тренера", "MANAGER": "менеджера"}


def _notice(
    kind: NotificationType,
    team: Team,
    recipients: Sequence[uuid.UUID],
    title: str,
    body: str,
    *,
    manage: bool = False,
    **data: str,
) -> list[Notice]:
    """One notice about ``team``, linking to its page (or its management page)."""
    link = f"/teams/{team.slug}/manage" if manage else f"/teams/{team.slug}"
    return [
        Notice(
            type=kind,
            recipients=recipients,
            title=title,
            body=body,
            link=link,
            entity=Entity("team", team.id),
            data={"team_name": team.name, **data},
        )
    ]


async def _team(session: AsyncSession, team_id: uuid.UUID) -> Team | None:
    return (await teams.teams_by_id(session, [team_id])).get(team_id)


async def application_submitted(
    session: AsyncSession, event: TeamApplicationSubmitted
) -> list[Notice]:
    if (team := await _team(session, event.team_id)) is None:
        return []
    applicant = await name_of(session, event.user_id)
    return _notice(
        NotificationType.TEAM_APPLICATION_RECEIVED,
        team,
        [event.captain_id],
        f"Новая заявка в команду «{team.name}»",
        f"{applicant} хочет вступить в команду «{team.name}».",
        manage=True,
        applicant_name=applicant,
    )


async def application_decided(session: AsyncSession, event: TeamApplicationDecided) -> list[Notice]:
    if (team := await _team(session, event.team_id)) is None:
        return []
    if event.decision == "ACCEPTED":
        title = f"Заявка в команду «{team.name}» принята"
        body = f"Добро пожаловать в команду «{team.name}»!"
    else:
        title = f"Заявка в команду «{team.name}» отклонена"
        body = f"Команда «{team.name}» отклонила вашу заявку."
        if event.reason:
            body += f" Причина: {event.reason}"
    return _notice(NotificationType.TEAM_APPLICATION_DECIDED, team, [event.user_id], title, body)


async def invitation_sent(session: AsyncSession, event: TeamInvitationSent) -> list[Notice]:
    if (team := await _team(session, event.team_id)) is None:
        return []
    inviter = await name_of(session, event.invited_by)
    role = AS_ROLE.get(event.role, "участника")
    return _notice(
        NotificationType.TEAM_INVITATION_RECEIVED,
        team,
        [event.user_id],
        f"Приглашение в команду «{team.name}»",
        f"{inviter} приглашает вас в команду «{team.name}» в роли {role}.",
        inviter_name=inviter,
    )


async def invitation_answered(session: AsyncSession, event: TeamInvitationAnswered) -> list[Notice]:
    team = await _team(session, event.team_id)
    captain = await teams.captain_id(session, event.team_id)
    if team is None or captain is None:
        return []
    invitee = await name_of(session, event.user_id)
    if event.answer == "ACCEPTED":
        title = f"Приглашение в команду «{team.name}» принято"
        body = f"{invitee} принимает приглашение и теперь в команде «{team.name}»."
    else:
        title = f"Приглашение в команду «{team.name}» отклонено"
        body = f"{invitee} отклоняет приглашение в команду «{team.name}»."
    return _notice(
        NotificationType.TEAM_INVITATION_ANSWERED, team, [captain], title, body, manage=True
    )


async def captain_changed(session: AsyncSession, event: TeamCaptainChanged) -> list[Notice]:
    if (team := await _team(session, event.team_id)) is None:
        return []
    previous = await name_of(session, event.previous_captain_id)
    return _notice(
        NotificationType.TEAM_CAPTAINCY_RECEIVED,
        team,
        [event.captain_id],
        f"Вы капитан команды «{team.name}»",
        f"{previous} передаёт вам капитанство в команде «{team.name}».",
        manage=True,
    )


async def member_left(session: AsyncSession, event: TeamMemberLeft) -> list[Notice]:
    """Only removal is news to the member; leaving was their own doing."""
    if event.reason != "REMOVED" or (team := await _team(session, event.team_id)) is None:
        return []
    return _notice(
        NotificationType.TEAM_MEMBER_REMOVED,
        team,
        [event.user_id],
        f"Вы больше не в команде «{team.name}»",
        f"Капитан исключил вас из состава команды «{team.name}».",
    )


async def disbanded(session: AsyncSession, event: TeamDisbanded) -> list[Notice]:
    if (team := await _team(session, event.team_id)) is None:
        return []
    members = [member for member in event.member_ids if member != event.disbanded_by]
    return _notice(
        NotificationType.TEAM_DISBANDED,
        team,
        members,
        f"Команда «{team.name}» распущена",
        f"Капитан распустил команду «{team.name}». История её матчей сохранится.",
    )


TRIGGERS: dict[type, Trigger] = {
    TeamApplicationSubmitted: application_submitted,
    TeamApplicationDecided: application_decided,
    TeamInvitationSent: invitation_sent,
    TeamInvitationAnswered: invitation_answered,
    TeamCaptainChanged: captain_changed,
    TeamMemberLeft: member_left,
    TeamDisbanded: disbanded,
}
