"""Personal challenges: the opponent hears of the challenge, the creator of the acceptance,
both sides of the settlement (who won and what was paid)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.challenges.events import (
    PersonalChallengeAccepted,
    PersonalChallengeCreated,
    PersonalChallengeSettled,
)
from app.notifications.catalogue import NotificationType
from app.notifications.service import Entity, Notice
from app.notifications.triggers.base import Trigger, name_of


def _where(challenge_id: uuid.UUID) -> tuple[str, Entity]:
    return f"/challenges/{challenge_id}", Entity("personal_challenge", challenge_id)


async def received(session: AsyncSession, event: PersonalChallengeCreated) -> list[Notice]:
    link, entity = _where(event.challenge_id)
    stake = f" Ставка: {event.wager} PD." if event.wager else ""
    return [
        Notice(
            type=NotificationType.PERSONAL_CHALLENGE_RECEIVED,
            recipients=[event.opponent_id],
            title="Вам бросили вызов",
            body=f"{await name_of(session, event.creator_id)}: «{event.title}».{stake}",
            link=link,
            entity=entity,
        )
    ]


async def accepted(session: AsyncSession, event: PersonalChallengeAccepted) -> list[Notice]:
    link, entity = _where(event.challenge_id)
    return [
        Notice(
            type=NotificationType.PERSONAL_CHALLENGE_ACCEPTED,
            recipients=[event.creator_id],
            title="Вызов принят",
            body=f"{await name_of(session, event.opponent_id)} принял ваш вызов. "
            "Ставки обеих сторон заблокированы до итога.",
            link=link,
            entity=entity,
        )
    ]


async def settled(session: AsyncSession, event: PersonalChallengeSettled) -> list[Notice]:
    link, entity = _where(event.challenge_id)
    if event.winner_id is None:
        body = "Ничья: ставки возвращены." if event.wager else "Ничья."
    else:
        prize = f" и получает {event.wager * 2} PD" if event.wager else ""
        body = f"Победил {await name_of(session, event.winner_id)}{prize}."
    return [
        Notice(
            type=NotificationType.PERSONAL_CHALLENGE_SETTLED,
            recipients=[event.creator_id, event.opponent_id],
            title="Итог вызова",
            body=body,
            link=link,
            entity=entity,
        )
    ]


TRIGGERS: dict[type, Trigger] = {
    PersonalChallengeCreated: received,
    PersonalChallengeAccepted: accepted,
    PersonalChallengeSettled: settled,
}
