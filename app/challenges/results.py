"""Mutation payloads and typed errors of personal challenges."""

from __future__ import annotations

import strawberry

from app.challenges.enums import ChallengeStatus
from app.challenges.errors import (
    CancellationAlreadyRequestedError,
    ChallengerCannotPayError,
    ChallengeStatusError,
    OutcomeAlreadyReportedError,
)
from app.challenges.types import PersonalChallenge
from app.graphql.errors import UserError, maps


@strawberry.type
class PersonalChallengePayload:
    challenge: PersonalChallenge


@maps(ChallengeStatusError)
@strawberry.type
class WrongChallengeStatus(UserError):
    status: ChallengeStatus


@maps(OutcomeAlreadyReportedError)
@strawberry.type
class OutcomeAlreadyReported(UserError):
    pass


@maps(ChallengerCannotPayError)
@strawberry.type
class ChallengerCannotPay(UserError):
    pass


@maps(CancellationAlreadyRequestedError)
@strawberry.type
class CancellationAlreadyRequested(UserError):
    pass
