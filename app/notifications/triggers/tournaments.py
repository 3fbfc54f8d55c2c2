"""Tournament notifications: registration decisions, announcements, the start, the finish and
a cancellation.

Who hears what: the applying team's captain hears the organizer's decision on the application
(approved or rejected; a withdrawal is the captain's own doing), and why the start dropped
the entry (still pending, or not checked in); an announcement goes to every
member of the teams that applied or take part, except its author; the start and the finish go
to every member of the participating teams. A cancelled tournament closes every live entry,
and every member of those teams hears it, with the organizer's reason.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from app.notifications.catalogue import NotificationType
from app.notifications.service import Entity, Notice
from app.notifications.triggers.base import Trigger
from app.teams import service as teams
from app.tournaments import service as tournaments
from app.tournaments import staff
from app.tournaments.enums import EntryStatus, TournamentStatus
from app.tournaments.events import (
    TournamentAnnouncementPosted,
    TournamentApplicationDecided,
    TournamentFinished,
    TournamentStarted,
)
from app.tournaments.models import Tournament

EXCERPT = 200
DECISIONS = {
    "APPROVED": ("Заявка на турнир «{name}» одобрена", "Команда «{team}» участвует в турнире."),
    "REJECTED": ("Заявка на турнир «{name}» отклонена", "Организатор отклонил заявку «{team}»."),
}


async def _tournament(session: AsyncSession, tournament_id: uuid.UUID) -> Tournament | None:
    return (await tournaments.tournaments_by_id(session, [tournament_id])).get(tournament_id)


async def _members(session: AsyncSession, team_ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
    rosters = await teams.member_ids(session, list(dict.fromkeys(team_ids)))
    return list(dict.fromkeys(u for roster in rosters.values() for u in roster))


def _notice(
    kind: NotificationType, t: Tournament, recipients: list[uuid.UUID], title: str, body: str
) -> list[Notice]:
    if not recipients:
        return []
    link = f"/tournaments/{t.slug}"
    entity = Entity("tournament", t.id)
    return [Notice(kind, recipients, title, body, link, entity, {"tournament_name": t.name})]


async def application_decided(
    session: AsyncSession, event: TournamentApplicationDecided
) -> list[Notice]:
    if event.status == EntryStatus.CANCELLED:
        return await _cancelled(session, event)
    texts = DECISIONS.get(event.status)
    t = await _tournament(session, event.tournament_id)
    team = (await teams.teams_by_id(session, [event.team_id])).get(event.team_id)
    captain = await teams.captain_id(session, event.team_id)
    if texts is None or t is None or team is None or captain is None:
        return []
    title, body = (text.format(name=t.name, team=team.name) for text in texts)
    return _notice(NotificationType.TOURNAMENT_APPLICATION_DECIDED, t, [captain], title, body)


async def _cancelled(session: AsyncSession, event: TournamentApplicationDecided) -> list[Notice]:
    t = await _tournament(session, event.tournament_id)
    if t is None:
        return []
    if t.status != TournamentStatus.CANCELLED:
        return await _dropped(session, t, event)
    recipients = await _members(session, [event.team_id])
    title = f"Турнир «{t.name}» отменён"
    body = f"Причина: {t.cancel_reason}" if t.cancel_reason else "Организатор отменил турнир."
    return _notice(NotificationType.TOURNAMENT_CANCELLED, t, recipients, title, body)


async def _dropped(
    session: AsyncSession, t: Tournament, event: TournamentApplicationDecided
) -> list[Notice]:
    """An entry the start closed (pending, or not checked in): the captain hears why."""
    captain = await teams.captain_id(session, event.team_id)
    team = (await teams.teams_by_id(session, [event.team_id])).get(event.team_id)
    if captain is None or team is None:
        return []
    title = f"Заявка на турнир «{t.name}» снята"
    body = f"Команда «{team.name}» не участвует. {event.reason or 'Заявка закрыта.'}"
    return _notice(NotificationType.TOURNAMENT_APPLICATION_DECIDED, t, [captain], title, body)


async def announcement_posted(
    session: AsyncSession, event: TournamentAnnouncementPosted
) -> list[Notice]:
    t = await _tournament(session, event.tournament_id)
    posted = await staff.announcement(session, event.announcement_id)
    if t is None or posted is None:
        return []
    people = await _members(session, event.participant_team_ids)
    recipients = [u for u in people if u != event.author_id]
    body = posted.body if len(posted.body) <= EXCERPT else posted.body[: EXCERPT - 1] + "…"
    title = f"Объявление турнира «{t.name}»"
    return _notice(NotificationType.TOURNAMENT_ANNOUNCEMENT, t, recipients, title, body)


async def started(session: AsyncSession, event: TournamentStarted) -> list[Notice]:
    if (t := await _tournament(session, event.tournament_id)) is None:
        return []
    recipients = await _members(session, event.team_ids)
    title = f"Турнир «{t.name}» начался"
    body = "Сетка готова: посмотрите первые матчи своей команды."
    return _notice(NotificationType.TOURNAMENT_STARTED, t, recipients, title, body)


async def finished(session: AsyncSession, event: TournamentFinished) -> list[Notice]:
    if (t := await _tournament(session, event.tournament_id)) is None:
        return []
    team_ids = [uuid.UUID(team_id) for team_id in event.placements]
    champion = (await teams.teams_by_id(session, [event.champion_team_id])).get(
        event.champion_team_id
    )
    recipients = await _members(session, team_ids)
    title = f"Турнир «{t.name}» завершён"
    body = f"Победитель — «{champion.name}»." if champion else "Итоги уже на странице турнира."
    return _notice(NotificationType.TOURNAMENT_FINISHED, t, recipients, title, body)


TRIGGERS: dict[type, Trigger] = {
    TournamentApplicationDecided: application_decided,
    TournamentAnnouncementPosted: announcement_posted,
    TournamentStarted: started,
    TournamentFinished: finished,
}
