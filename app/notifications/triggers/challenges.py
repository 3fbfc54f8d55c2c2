"""Personal challenges: the opponent hears of the challenge, the creator of the acceptance,
the other side of a request to call an accepted challenge off (it needs their consent) and of
a cancellation, both sides of the settlement (who won and what was paid)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.challenges.events import (
    PersonalChallengeAccepted,
    PersonalChallengeCancelled,
    PersonalChallengeCancelRequested,
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


def _other_side(creator_id: uuid.UUID, opponent_id: uuid.UUID, actor: uuid.UUID) -> list[uuid.UUID]:
    """Both sides but the actor: both when a moderator acted."""
    return [user for user in (creator_id, opponent_id) if user != actor]


async def cancel_requested(
    session: AsyncSession, event: PersonalChallengeCancelRequested
) -> list[Notice]:
    link, entity = _where(event.challenge_id)
    return [
        Notice(
            type=NotificationType.PERSONAL_CHALLENGE_CANCELLATION,
            recipients=_other_side(event.creator_id, event.opponent_id, event.requested_by),
            title="Соперник предлагает отменить вызов",
            body=f"{await name_of(session, event.requested_by)} предлагает отменить вызов. "
            "Если вы согласны, отмените его тоже: ставки вернутся обоим.",
            link=link,
            entity=entity,
        )
    ]


async def cancelled(session: AsyncSession, event: PersonalChallengeCancelled) -> list[Notice]:
    link, entity = _where(event.challenge_id)
    refund = " Ставки возвращены." if event.refunded else ""
    return [
        Notice(
            type=NotificationType.PERSONAL_CHALLENGE_CANCELLATION,
            recipients=_other_side(event.creator_id, event.opponent_id, event.cancelled_by),
            title="Вызов отменён",
            body=f"{await name_of(session, event.cancelled_by)} отменяет вызов.{refund}",
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
    PersonalChallengeCancelRequested: cancel_requested,
    PersonalChallengeCancelled: cancelled,
    PersonalChallengeSettled: settled,
}
