"""A lobby's creator hears who joined; everybody hears when it is full or cancelled."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.lobbies import service as lobbies
from app.lobbies.events import LobbyCancelled, LobbyJoined
from app.notifications.catalogue import NotificationType
from app.notifications.service import Entity, Notice
from app.notifications.triggers.base import Trigger, name_of


def _when(event: LobbyJoined | LobbyCancelled) -> str:
    return event.starts_at.strftime("%d.%m %H:%M UTC")


async def joined(session: AsyncSession, event: LobbyJoined) -> list[Notice]:
    link, entity = f"/lfg/{event.lobby_id}", Entity("lobby", event.lobby_id)
    notices = [
        Notice(
            type=NotificationType.LOBBY_JOINED,
            recipients=[event.creator_id],
            title="Новый игрок в вашем лобби",
            body=f"{await name_of(session, event.user_id)} присоединился к игре {_when(event)}: "
            f"{event.participant_count} из {event.players_needed}.",
            link=link,
            entity=entity,
        )
    ]
    if event.became_full:
        notices.append(
            Notice(
                type=NotificationType.LOBBY_FULL,
                recipients=await lobbies.participant_ids(session, event.lobby_id),
                title="Лобби собрано",
                body=f"Все {event.players_needed} игроков на месте, ждём вас {_when(event)}.",
                link=link,
                entity=entity,
            )
        )
    return notices


async def cancelled(session: AsyncSession, event: LobbyCancelled) -> list[Notice]:
    others = [user_id for user_id in event.participant_ids if user_id != event.creator_id]
    if not others:
        return []
    return [
        Notice(
            type=NotificationType.LOBBY_CANCELLED,
            recipients=others,
            title="Лобби отменено",
            body=f"{await name_of(session, event.creator_id)} отменил игру {_when(event)}.",
            link=f"/lfg/{event.lobby_id}",
            entity=Entity("lobby", event.lobby_id),
        )
    ]


TRIGGERS: dict[type, Trigger] = {LobbyJoined: joined, LobbyCancelled: cancelled}
