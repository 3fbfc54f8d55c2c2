"""Outcomes: both sides report, equal reports settle, different ones go to a moderator.

As with matches: the first report waits for the other side until ``confirm_by``; a matching
second report settles the challenge at once, a conflicting one makes it DISPUTED, and a
moderator's resolution settles it. A report left unanswered past ``confirm_by`` settles as
reported (``confirm_overdue``, run by the ``challenges`` worker's periodic task). Settling
happens under the challenge's row lock, once.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.challenges import escrow
from app.challenges.errors import OutcomeAlreadyReportedError
from app.challenges.events import (
    PersonalChallengeDisputed,
    PersonalChallengeOutcomeReported,
    PersonalChallengeSettled,
)
from app.challenges.models import ChallengeStatus, Outcome, PersonalChallenge, Verdict
from app.challenges.repository import ChallengeRepository
from app.challenges.service import event_ids, lock_visible, require_status
from app.errors import AccessDeniedError
from app.events import emit
from app.validation import Validator


async def report_outcome(
    session: AsyncSession,
    actor: Principal,
    challenge_id: uuid.UUID,
    outcome: Outcome,
    *,
    now: datetime,
    confirm_within: timedelta,
) -> PersonalChallenge:
    challenge = await lock_visible(session, actor, challenge_id)
    side = challenge.side_of(actor.user_id)
    if side is None:
        raise AccessDeniedError("Итог сообщают только участники вызова")
    require_status(challenge, ChallengeStatus.ACCEPTED, ChallengeStatus.AWAITING_CONFIRMATION)
    if getattr(challenge, f"{side}_report") is not None:
        raise OutcomeAlreadyReportedError()
    setattr(challenge, f"{side}_report", outcome)
    # A report ends the time for calling the challenge off, so a request to do so lapses.
    challenge.cancel_requested_by_id = None
    challenge.updated_at = now
    reported = PersonalChallengeOutcomeReported(
        **event_ids(challenge), reported_by=actor.user_id, outcome=outcome.value
    )
    emit(session, reported, actor_id=actor.user_id, occurred_at=now)
    creator, opponent = (
        _verdict_of(challenge.creator_report, "creator"),
        _verdict_of(challenge.opponent_report, "opponent"),
    )
    if creator is None or opponent is None:
        challenge.status = ChallengeStatus.AWAITING_CONFIRMATION
        challenge.confirm_by = now + confirm_within
        await session.flush()
    elif creator == opponent:
        await _settle(session, challenge, creator, actor_id=actor.user_id, now=now)
    else:
        challenge.status = ChallengeStatus.DISPUTED
        await session.flush()
        disputed = PersonalChallengeDisputed(**event_ids(challenge))
        emit(session, disputed, actor_id=actor.user_id, occurred_at=now)
    return challenge


async def resolve_dispute(
    session: AsyncSession,
    actor: Principal,
    challenge_id: uuid.UUID,
    verdict: Verdict,
    resolution: str | None,
    *,
    now: datetime,
) -> PersonalChallenge:
    """A moderator decides a disputed challenge, with a written resolution."""
    v = Validator()
    resolution = v.text("resolution", resolution, min_len=10, max_len=2000, required=True)
    v.raise_if_any()
    challenge = await lock_visible(session, actor, challenge_id)
    if not actor.is_staff:
        raise AccessDeniedError("Споры по вызовам решают модераторы")
    require_status(challenge, ChallengeStatus.DISPUTED)
    challenge.resolution = resolution
    challenge.resolved_by_id = actor.user_id
    await _settle(session, challenge, verdict, actor_id=actor.user_id, now=now)
    return challenge


async def confirm_overdue(
    session: AsyncSession, *, now: datetime, limit: int
) -> list[PersonalChallenge]:
    """Settle, as reported, the reports the other side left unanswered (a batch of them)."""
    repository = ChallengeRepository(session)
    challenges = await repository.overdue_for_update(now, limit)
    for challenge in challenges:
        reported = _verdict_of(challenge.creator_report, "creator") or _verdict_of(
            challenge.opponent_report, "opponent"
        )
        assert reported is not None, "awaiting confirmation means one side reported"
        await _settle(session, challenge, reported, actor_id=None, now=now)
    return challenges


async def _settle(
    session: AsyncSession,
    challenge: PersonalChallenge,
    verdict: Verdict,
    *,
    actor_id: uuid.UUID | None,
    now: datetime,
) -> None:
    challenge.verdict = verdict
    challenge.status = ChallengeStatus.SETTLED
    challenge.settled_at = now
    challenge.updated_at = now
    await session.flush()
    await escrow.pay_out(session, challenge, now=now, actor_id=actor_id)
    event = PersonalChallengeSettled(
        **event_ids(challenge),
        verdict=verdict.value,
        winner_id=challenge.winner_id(),
        wager=challenge.wager,
        resolved_by=challenge.resolved_by_id,
    )
    emit(session, event, actor_id=actor_id, occurred_at=now)


def _verdict_of(outcome: Outcome | None, side: str) -> Verdict | None:
    """What a side's report says happened, in absolute terms."""
    if outcome is None:
        return None
    if outcome is Outcome.DRAW:
        return Verdict.DRAW
    creator_won = (outcome is Outcome.WIN) == (side == "creator")
    return Verdict.CREATOR_WON if creator_won else Verdict.OPPONENT_WON
