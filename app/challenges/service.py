"""Personal challenges: create, accept (wagers into escrow), decline, cancel (by agreement
once accepted), read.

Every change locks the challenge's row first. Only the two sides and staff see a challenge.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.challenges import escrow
from app.challenges.errors import CancellationAlreadyRequestedError, ChallengeStatusError
from app.challenges.events import (
    PersonalChallengeAccepted,
    PersonalChallengeCancelled,
    PersonalChallengeCancelRequested,
    PersonalChallengeCreated,
    PersonalChallengeDeclined,
)
from app.challenges.models import ChallengeStatus, PersonalChallenge
from app.challenges.repository import ChallengeRepository
from app.errors import AccessDeniedError, FieldCode, NotFoundError
from app.events import emit
from app.events.base import Event
from app.pagination import Page, PageRequest
from app.sports import service as sports
from app.users import service as users
from app.validation import Validator

MAX_WAGER = 10_000


@dataclass(frozen=True, slots=True)
class NewChallenge:
    opponent_id: uuid.UUID | None
    sport_id: uuid.UUID | None
    title: str
    wager: int


async def create_challenge(
    session: AsyncSession, actor: Principal, new: NewChallenge, *, now: datetime
) -> PersonalChallenge:
    v = Validator()
    title = v.text("title", new.title, min_len=5, max_len=50, required=True)
    v.int_range("wager", new.wager, low=0, high=MAX_WAGER)
    if new.opponent_id == actor.user_id:
        v.add("opponentId", FieldCode.NOT_ALLOWED, "Нельзя вызвать самого себя")
    elif new.opponent_id is None or await users.get_user(session, actor, new.opponent_id) is None:
        v.add("opponentId", FieldCode.NOT_FOUND, "Нет такого игрока")
    if new.sport_id is None or await sports.get_sport(session, new.sport_id) is None:
        v.add("sportId", FieldCode.NOT_FOUND, "Нет такого вида спорта")
    v.raise_if_any()
    assert new.opponent_id is not None
    assert new.sport_id is not None
    challenge = PersonalChallenge(
        creator_id=actor.user_id,
        opponent_id=new.opponent_id,
        sport_id=new.sport_id,
        title=title or "",
        wager=new.wager,
        status=ChallengeStatus.PENDING,
        created_at=now,
        updated_at=now,
    )
    await ChallengeRepository(session).add(challenge)
    event = PersonalChallengeCreated(
        **event_ids(challenge), sport_id=challenge.sport_id, title=challenge.title, wager=new.wager
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return challenge


async def accept_challenge(
    session: AsyncSession, actor: Principal, challenge_id: uuid.UUID, *, now: datetime
) -> PersonalChallenge:
    """The opponent accepts: both wagers go into escrow, or nothing happens."""
    challenge = await lock_visible(session, actor, challenge_id)
    _require_opponent(challenge, actor)
    require_status(challenge, ChallengeStatus.PENDING)
    await escrow.hold_wagers(session, challenge, now=now, actor_id=actor.user_id)
    challenge.accepted_at = now
    await _move(session, challenge, ChallengeStatus.ACCEPTED, now)
    event = PersonalChallengeAccepted(**event_ids(challenge), wager=challenge.wager)
    _emit(session, event, actor, now)
    return challenge


async def decline_challenge(
    session: AsyncSession, actor: Principal, challenge_id: uuid.UUID, *, now: datetime
) -> PersonalChallenge:
    challenge = await lock_visible(session, actor, challenge_id)
    _require_opponent(challenge, actor)
    require_status(challenge, ChallengeStatus.PENDING)
    await _move(session, challenge, ChallengeStatus.DECLINED, now)
    _emit(session, PersonalChallengeDeclined(**event_ids(challenge)), actor, now)
    return challenge


async def cancel_challenge(
    session: AsyncSession, actor: Principal, challenge_id: uuid.UUID, *, now: datetime
) -> PersonalChallenge:
    """Call a challenge off before any outcome is reported; held wagers go back.

    Until the opponent accepts, nothing is at stake and the creator may take it back alone.
    Once accepted, neither side may back out alone: a creator who has just lost could
    otherwise take the wager back before the opponent reports. The first side's call records
    its request; the other side's call agrees, and only then is it cancelled and refunded.
    Staff cancel at once, as a moderator's decision, except on a challenge of their own,
    where they are just a side.
    """
    challenge = await lock_visible(session, actor, challenge_id)
    side = challenge.side_of(actor.user_id)
    if side == "opponent" and challenge.status is ChallengeStatus.PENDING:
        raise AccessDeniedError("Вызов, который вы ещё не приняли, можно только отклонить")
    require_status(challenge, ChallengeStatus.PENDING, ChallengeStatus.ACCEPTED)
    if side is None or challenge.status is ChallengeStatus.PENDING:
        await _cancel(session, challenge, actor, now)
    elif challenge.cancel_requested_by_id is None:
        await _request_cancellation(session, challenge, actor, now)
    elif challenge.cancel_requested_by_id == actor.user_id:
        raise CancellationAlreadyRequestedError()
    else:
        await _cancel(session, challenge, actor, now)
    return challenge


async def get_challenge(
    session: AsyncSession, viewer: Principal, challenge_id: uuid.UUID
) -> PersonalChallenge | None:
    challenge = await ChallengeRepository(session).get(challenge_id)
    return challenge if challenge is not None and _sees(viewer, challenge) else None


async def my_challenges(
    session: AsyncSession,
    viewer: Principal,
    *,
    statuses: Sequence[ChallengeStatus] | None,
    page: PageRequest,
) -> Page[PersonalChallenge]:
    return await ChallengeRepository(session).page_of(viewer.user_id, statuses, page)


async def disputed_challenges(
    session: AsyncSession, viewer: Principal, *, page: PageRequest
) -> Page[PersonalChallenge]:
    """The moderators' queue of disputed challenges, oldest dispute first."""
    if not viewer.is_staff:
        raise AccessDeniedError("Очередь споров видят только модераторы")
    return await ChallengeRepository(session).disputed_page(page)


async def lock_visible(
    session: AsyncSession, actor: Principal, challenge_id: uuid.UUID
) -> PersonalChallenge:
    challenge = await ChallengeRepository(session).get_for_update(challenge_id)
    if challenge is None or not _sees(actor, challenge):
        raise NotFoundError()
    return challenge


async def _request_cancellation(
    session: AsyncSession, challenge: PersonalChallenge, actor: Principal, now: datetime
) -> None:
    challenge.cancel_requested_by_id = actor.user_id
    challenge.updated_at = now
    await session.flush()
    event = PersonalChallengeCancelRequested(**event_ids(challenge), requested_by=actor.user_id)
    _emit(session, event, actor, now)


async def _cancel(
    session: AsyncSession, challenge: PersonalChallenge, actor: Principal, now: datetime
) -> None:
    """Under the row lock and only from PENDING or ACCEPTED, so the wagers go back once."""
    held = challenge.status is ChallengeStatus.ACCEPTED
    if held:
        await escrow.pay_out(session, challenge, now=now, actor_id=actor.user_id)
    await _move(session, challenge, ChallengeStatus.CANCELLED, now)
    event = PersonalChallengeCancelled(
        **event_ids(challenge),
        cancelled_by=actor.user_id,
        refunded=held and challenge.wager > 0,
    )
    _emit(session, event, actor, now)


def require_status(challenge: PersonalChallenge, *allowed: ChallengeStatus) -> None:
    if challenge.status not in allowed:
        raise ChallengeStatusError(status=challenge.status)


async def _move(
    session: AsyncSession, challenge: PersonalChallenge, status: ChallengeStatus, now: datetime
) -> None:
    challenge.status = status
    challenge.updated_at = now
    await session.flush()


def _sees(viewer: Principal, challenge: PersonalChallenge) -> bool:
    return viewer.is_staff or challenge.side_of(viewer.user_id) is not None


def _require_opponent(challenge: PersonalChallenge, actor: Principal) -> None:
    if actor.user_id != challenge.opponent_id:
        raise AccessDeniedError("Ответить на вызов может только вызванный игрок")


def event_ids(challenge: PersonalChallenge) -> dict[str, uuid.UUID]:
    return {
        "challenge_id": challenge.id,
        "creator_id": challenge.creator_id,
        "opponent_id": challenge.opponent_id,
    }


def _emit(session: AsyncSession, event: Event, actor: Principal, now: datetime) -> None:
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
