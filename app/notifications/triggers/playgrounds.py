"""A proposer hears the moderator's decision on their playground."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.notifications.catalogue import NotificationType
from app.notifications.service import Entity, Notice
from app.notifications.triggers.base import Trigger
from app.playgrounds import service as playgrounds
from app.playgrounds.events import PlaygroundApproved, PlaygroundRejected


async def _name(session: AsyncSession, event: PlaygroundApproved | PlaygroundRejected) -> str:
    found = await playgrounds.playgrounds_by_id(session, [event.playground_id])
    return found[event.playground_id].name if event.playground_id in found else "Площадка"


async def approved(session: AsyncSession, event: PlaygroundApproved) -> list[Notice]:
    return [
        Notice(
            type=NotificationType.PLAYGROUND_APPROVED,
            recipients=[event.proposed_by],
            title=f"Площадка «{await _name(session, event)}» одобрена",
            body="Спасибо! Площадка появилась на карте, а за её добавление начислена награда.",
            link=f"/playgrounds/{event.playground_id}",
            entity=Entity("playground", event.playground_id),
        )
    ]


async def rejected(session: AsyncSession, event: PlaygroundRejected) -> list[Notice]:
    return [
        Notice(
            type=NotificationType.PLAYGROUND_REJECTED,
            recipients=[event.proposed_by],
            title=f"Площадка «{await _name(session, event)}» не прошла модерацию",
            body=f"Причина: {event.reason}",
            link=f"/playgrounds/{event.playground_id}",
            entity=Entity("playground", event.playground_id),
        )
    ]


TRIGGERS: dict[type, Trigger] = {PlaygroundApproved: approved, PlaygroundRejected: rejected}
