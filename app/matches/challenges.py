"""Friendly challenges (вызовы): one captain proposes a time and a playground, the other
accepts, declines or proposes another time, until a match is scheduled, the challenge is
declined, the challenger's captain withdraws it, or the proposed time passes (it expires).

An expired challenge can no longer be answered or withdrawn, and it does not count as the
pair's pending challenge: either captain may send a new one at once.

Both teams' rows are locked, always in id order, before anything is checked or written: a
match occupies both teams, so two acceptances for one team at clashing times are serialised
and the second sees the first match. The order keeps two challenges between the same two
teams, answered at once from both ends, from deadlocking.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal, TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError, FieldCode, NotFoundError
from app.events import emit
from app.matches.errors import (
    ChallengeAlreadyPendingError,
    ChallengeExpiredError,
    ChallengeNotPendingError,
    ScheduleClashError,
)
from app.matches.events import (
    MatchChallengeAnswered,
    MatchChallengeSent,
    MatchChallengeWithdrawn,
    MatchScheduled,
)
from app.matches.models import Challenge, ChallengeStatus, Match, MatchStatus
from app.matches.repository import ChallengeRepository, MatchRepository
from app.matches.service import as_utc
from app.pagination import Page, PageRequest
from app.playgrounds import service as playgrounds
from app.settings import MatchSettings
from app.teams import service as teams
from app.teams.models import Team
from app.validation import Validator


class Answer(StrEnum):
    ACCEPT = "ACCEPT"
    DECLINE = "DECLINE"
    PROPOSE_TIME = "PROPOSE_TIME"


class NewChallenge(TypedDict):
    from_team_id: uuid.UUID
    to_team_id: uuid.UUID | None
    """``None`` stands for an id that cannot exist."""
    playground_id: uuid.UUID | None
    proposed_at: datetime
    message: str | None


async def challenge_team(
    session: AsyncSession,
    actor: Principal,
    fields: NewChallenge,
    *,
    now: datetime,
    settings: MatchSettings,
) -> Challenge:
    """The challenger's captain proposes a friendly match of the teams' common sport."""
    v = Validator()
    message = v.text("message", fields["message"], max_len=500)
    proposed_at = _check_time(v, "proposedAt", fields["proposed_at"], now, settings)
    to_team_id = fields["to_team_id"]
    if to_team_id is None:
        v.add("toTeamId", FieldCode.NOT_FOUND, "Нет такой команды")
    elif to_team_id == fields["from_team_id"]:
        v.add("toTeamId", FieldCode.NOT_ALLOWED, "Нельзя вызвать свою же команду")
    await check_playground(session, v, fields["playground_id"])
    v.raise_if_any()
    assert to_team_id is not None
    assert fields["playground_id"] is not None
    ours, theirs = await lock_pair(session, fields["from_team_id"], to_team_id)
    await teams.require_captain(session, actor, ours)
    _check_opponent(actor, ours, theirs, await teams.is_captain(session, actor.user_id, theirs.id))
    await _free_pending_slot(session, ours.id, theirs.id, now)
    await ensure_free(session, (ours.id, theirs.id), proposed_at, settings)
    challenge = Challenge(
        from_team_id=ours.id,
        to_team_id=theirs.id,
        sport_id=ours.sport_id,
        playground_id=fields["playground_id"],
        proposed_at=proposed_at,
        message=message,
        awaiting_team_id=theirs.id,
        created_by_id=actor.user_id,
        created_at=now,
        updated_at=now,
    )
    await ChallengeRepository(session).add(challenge)
    event = MatchChallengeSent(
        challenge_id=challenge.id,
        from_team_id=ours.id,
        to_team_id=theirs.id,
        sport_id=challenge.sport_id,
        playground_id=challenge.playground_id,
        proposed_at=proposed_at,
        sent_by=actor.user_id,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return challenge


async def respond_to_challenge(
    session: AsyncSession,
    actor: Principal,
    challenge_id: uuid.UUID,
    answer: Answer,
    new_time: datetime | None,
    *,
    now: datetime,
    settings: MatchSettings,
) -> tuple[Challenge, Match | None]:
    """The awaiting captain's answer; an acceptance schedules the match."""
    challenge = await get_challenge(session, actor, challenge_id)
    if challenge is None:
        raise NotFoundError()
    await lock_pair(session, challenge.from_team_id, challenge.to_team_id)
    challenge = await ChallengeRepository(session).get_for_update(challenge_id)
    assert challenge is not None
    _require_pending(challenge, now)
    if not await teams.is_captain(session, actor.user_id, challenge.awaiting_team_id):
        raise AccessDeniedError("Ответить на вызов может капитан команды, которой он адресован")
    match = None
    if answer is Answer.ACCEPT:
        match = await _accept(session, challenge, now=now, settings=settings)
    elif answer is Answer.DECLINE:
        challenge.status = ChallengeStatus.DECLINED
    else:
        await _propose(session, challenge, new_time, now=now, settings=settings)
    challenge.answered_by_id = actor.user_id
    challenge.updated_at = now
    await session.flush()
    emit(session, _answered(challenge, answer, actor), actor_id=actor.user_id, occurred_at=now)
    if match is not None:
        emit(session, scheduled(match, challenge.id), actor_id=actor.user_id, occurred_at=now)
    return challenge, match


async def withdraw_challenge(
    session: AsyncSession, actor: Principal, challenge_id: uuid.UUID, *, now: datetime
) -> Challenge:
    """The challenger's captain takes back a challenge nobody has accepted yet, whichever
    side's turn it is to answer."""
    challenge = await get_challenge(session, actor, challenge_id)
    if challenge is None:
        raise NotFoundError()
    await lock_pair(session, challenge.from_team_id, challenge.to_team_id)
    challenge = await ChallengeRepository(session).get_for_update(challenge_id)
    assert challenge is not None
    if not await teams.is_captain(session, actor.user_id, challenge.from_team_id):
        raise AccessDeniedError("Отозвать вызов может капитан команды, которая его отправила")
    _require_pending(challenge, now)
    challenge.status = ChallengeStatus.WITHDRAWN
    challenge.answered_by_id = actor.user_id
    challenge.updated_at = now
    await session.flush()
    event = MatchChallengeWithdrawn(
        challenge_id=challenge.id,
        from_team_id=challenge.from_team_id,
        to_team_id=challenge.to_team_id,
        withdrawn_by=actor.user_id,
        proposed_at=challenge.proposed_at,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return challenge


async def get_challenge(
    session: AsyncSession, viewer: Principal, challenge_id: uuid.UUID
) -> Challenge | None:
    challenge = await ChallengeRepository(session).get(challenge_id)
    if challenge is None or not await _sees(session, viewer, challenge):
        return None
    return challenge


async def list_team_challenges(
    session: AsyncSession,
    viewer: Principal,
    team_id: uuid.UUID,
    *,
    status: ChallengeStatus | None,
    page: PageRequest,
    now: datetime,
) -> Page[Challenge] | None:
    """The team's sent and received challenges: for its members and staff (else ``None``)."""
    if not viewer.is_staff and not await _is_member(session, viewer.user_id, team_id):
        return None
    return await ChallengeRepository(session).page_for_team(team_id, status, page, now=now)


async def lock_pair(
    session: AsyncSession, first: uuid.UUID, second: uuid.UUID
) -> tuple[Team, Team]:
    """Both teams locked in id order; returned in the order asked."""
    locked = {
        team_id: await teams.lock_active_team(session, team_id)
        for team_id in sorted({first, second})
    }
    return locked[first], locked[second]


async def ensure_free(
    session: AsyncSession,
    team_ids: tuple[uuid.UUID, uuid.UUID],
    at: datetime,
    settings: MatchSettings,
) -> None:
    """A match occupies its teams from ``duration`` before to ``duration`` after its start."""
    window = timedelta(minutes=settings.duration_minutes)
    clash = await MatchRepository(session).clashing(team_ids, at, window)
    if clash is not None:
        raise ScheduleClashError(match_id=str(clash.id))


def scheduled(match: Match, challenge_id: uuid.UUID | None) -> MatchScheduled:
    return MatchScheduled(
        match_id=match.id,
        sport_id=match.sport_id,
        home_team_id=match.home_team_id,
        away_team_id=match.away_team_id,
        playground_id=match.playground_id,
        tournament_id=match.tournament_id,
        scheduled_at=match.scheduled_at,
        challenge_id=challenge_id,
    )


async def _free_pending_slot(
    session: AsyncSession, first: uuid.UUID, second: uuid.UUID, now: datetime
) -> None:
    """A pair has one pending challenge at most; an expired one gives up its place.

    The caller holds both teams' locks, so when both captains challenge each other at once
    the second sees the first's new challenge and is refused, rather than hitting the index.
    """
    pending = await ChallengeRepository(session).pending_between(first, second)
    if pending is None:
        return
    if pending.status_at(now) is not ChallengeStatus.EXPIRED:
        raise ChallengeAlreadyPendingError()
    pending.status = ChallengeStatus.EXPIRED
    pending.updated_at = now
    await session.flush()


def _require_pending(challenge: Challenge, now: datetime) -> None:
    status = challenge.status_at(now)
    if status is ChallengeStatus.EXPIRED:
        raise ChallengeExpiredError()
    if status is not ChallengeStatus.PENDING:
        raise ChallengeNotPendingError(status=status)


async def _accept(
    session: AsyncSession, challenge: Challenge, *, now: datetime, settings: MatchSettings
) -> Match:
    pair = (challenge.from_team_id, challenge.to_team_id)
    await ensure_free(session, pair, challenge.proposed_at, settings)
    match = Match(
        sport_id=challenge.sport_id,
        home_team_id=challenge.from_team_id,
        away_team_id=challenge.to_team_id,
        playground_id=challenge.playground_id,
        scheduled_at=challenge.proposed_at,
        status=MatchStatus.SCHEDULED,
        created_at=now,
        updated_at=now,
    )
    await MatchRepository(session).add(match)
    challenge.status = ChallengeStatus.ACCEPTED
    challenge.match_id = match.id
    return match


async def _propose(
    session: AsyncSession,
    challenge: Challenge,
    new_time: datetime | None,
    *,
    now: datetime,
    settings: MatchSettings,
) -> None:
    v = Validator()
    if new_time is None:
        v.add("newTime", FieldCode.REQUIRED, "Укажите новое время")
    else:
        new_time = _check_time(v, "newTime", new_time, now, settings)
    v.raise_if_any()
    assert new_time is not None
    await ensure_free(session, (challenge.from_team_id, challenge.to_team_id), new_time, settings)
    challenge.proposed_at = new_time
    challenge.awaiting_team_id = (
        challenge.from_team_id
        if challenge.awaiting_team_id == challenge.to_team_id
        else challenge.to_team_id
    )


def _answered(challenge: Challenge, answer: Answer, actor: Principal) -> MatchChallengeAnswered:
    outcomes: dict[Answer, Literal["ACCEPTED", "DECLINED", "TIME_PROPOSED"]] = {
        Answer.ACCEPT: "ACCEPTED",
        Answer.DECLINE: "DECLINED",
        Answer.PROPOSE_TIME: "TIME_PROPOSED",
    }
    outcome = outcomes[answer]
    return MatchChallengeAnswered(
        challenge_id=challenge.id,
        from_team_id=challenge.from_team_id,
        to_team_id=challenge.to_team_id,
        answer=outcome,
        answered_by=actor.user_id,
        proposed_at=challenge.proposed_at,
        awaiting_team_id=challenge.awaiting_team_id,
        match_id=challenge.match_id,
    )


def _check_time(
    v: Validator, path: str, moment: datetime, now: datetime, settings: MatchSettings
) -> datetime:
    moment = as_utc(moment)
    if moment <= now:
        v.add(path, FieldCode.OUT_OF_RANGE, "Время матча должно быть в будущем")
    elif moment > now + timedelta(days=settings.max_days_ahead):
        days = settings.max_days_ahead
        v.add(path, FieldCode.OUT_OF_RANGE, f"Матч можно назначить не дальше чем на {days} дней")
    return moment


async def check_playground(
    session: AsyncSession, v: Validator, playground_id: uuid.UUID | None
) -> None:
    ids = [playground_id] if playground_id is not None else []
    if not await playgrounds.approved_playground_ids(session, ids):
        v.add("playgroundId", FieldCode.NOT_FOUND, "Нет такой одобренной площадки")


def _check_opponent(actor: Principal, ours: Team, theirs: Team, captains_both: bool) -> None:
    v = Validator()
    if captains_both:
        v.add("toTeamId", FieldCode.NOT_ALLOWED, "Нельзя вызвать команду, которой вы тоже капитан")
    elif ours.sport_id != theirs.sport_id:
        v.add("toTeamId", FieldCode.NOT_ALLOWED, "Команды играют в разные виды спорта")
    v.raise_if_any()


async def _sees(session: AsyncSession, viewer: Principal, challenge: Challenge) -> bool:
    if viewer.is_staff:
        return True
    for team_id in (challenge.from_team_id, challenge.to_team_id):
        if await _is_member(session, viewer.user_id, team_id):
            return True
    return False


async def _is_member(session: AsyncSession, user_id: uuid.UUID, team_id: uuid.UUID) -> bool:
    return any(member == user_id for member, _ in await teams.member_roles(session, team_id))
