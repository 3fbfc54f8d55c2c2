"""Friend requests reach their recipient; an accepted one reaches its sender."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.notifications.catalogue import NotificationType
from app.notifications.service import Entity, Notice
from app.notifications.triggers.base import Trigger, name_of
from app.social.events import FriendRequestAccepted, FriendRequestSent


async def request_received(session: AsyncSession, event: FriendRequestSent) -> list[Notice]:
    name = await name_of(session, event.from_user_id)
    return [
        Notice(
            type=NotificationType.FRIEND_REQUEST_RECEIVED,
            recipients=[event.to_user_id],
            title="Новая заявка в друзья",
            body=f"Игрок {name} хочет добавить вас в друзья.",
            link="/friends",
            entity=Entity("user", event.from_user_id),
        )
    ]


async def request_accepted(session: AsyncSession, event: FriendRequestAccepted) -> list[Notice]:
    name = await name_of(session, event.to_user_id)
    return [
        Notice(
            type=NotificationType.FRIEND_REQUEST_ACCEPTED,
            recipients=[event.from_user_id],
            title="Заявка в друзья принята",
            body=f"{name} теперь в списке ваших друзей.",
            link=f"/users/{event.to_user_id}",
            entity=Entity("user", event.to_user_id),
        )
    ]


TRIGGERS: dict[type, Trigger] = {
    FriendRequestSent: request_received,
    FriendRequestAccepted: request_accepted,
}
