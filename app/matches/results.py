"""Mutation payloads and the typed errors that share their result unions."""

from __future__ import annotations

from datetime import datetime

import strawberry

from app.graphql.errors import UserError, maps
from app.matches.enums import ChallengeStatus, MatchStatus
from app.matches.errors import (
    AlreadyReportedError,
    ChallengeAlreadyPendingError,
    ChallengeExpiredError,
    ChallengeNotPendingError,
    LineupConflictError,
    MatchStatusError,
    MatchTooEarlyError,
    OwnReportDisputeError,
    PartyToMatchError,
    ResponseDeadlinePassedError,
    ScheduleClashError,
)
from app.matches.types import Match, MatchChallenge, MatchEvent


@strawberry.type
class ChallengeTeamPayload:
    challenge: MatchChallenge


@strawberry.type
class RespondToChallengePayload:
    challenge: MatchChallenge
    match: Match | None = strawberry.field(description="Назначенный матч, если вызов принят.")


@strawberry.type
class WithdrawMatchChallengePayload:
    challenge: MatchChallenge


@strawberry.type
class MatchPayload:
    match: Match


@strawberry.type
class RecordMatchEventPayload:
    match: Match
    event: MatchEvent


@maps(MatchStatusError)
@strawberry.type
class WrongMatchStatus(UserError):
    status: MatchStatus


@maps(ScheduleClashError)
@strawberry.type
class ScheduleClash(UserError):
    match_id: strawberry.ID = strawberry.field(description="Матч, с которым совпадает время.")


@maps(ChallengeAlreadyPendingError)
@strawberry.type
class ChallengeAlreadyPending(UserError):
    pass


@maps(ChallengeNotPendingError)
@strawberry.type
class ChallengeNotPending(UserError):
    status: ChallengeStatus


@maps(ChallengeExpiredError)
@strawberry.type
class ChallengeExpired(UserError):
    pass


@maps(MatchTooEarlyError)
@strawberry.type
class MatchTooEarly(UserError):
    starts_at: datetime = strawberry.field(description="Раньше этого времени начать нельзя.")


@maps(LineupConflictError)
@strawberry.type
class LineupConflict(UserError):
    user_ids: list[strawberry.ID] = strawberry.field(description="Игроки в составе соперника.")


@maps(AlreadyReportedError)
@strawberry.type
class AlreadyReported(UserError):
    pass


@maps(OwnReportDisputeError)
@strawberry.type
class OwnReportDispute(UserError):
    pass


@maps(PartyToMatchError)
@strawberry.type
class PartyToMatch(UserError):
    pass


@maps(ResponseDeadlinePassedError)
@strawberry.type
class ResponseDeadlinePassed(UserError):
    deadline: datetime = strawberry.field(
        description="Срок ответа, который истёк; матч подтверждён по сообщённому счёту."
    )
