from __future__ import annotations

from app.errors import DomainError


class ChallengeStatusError(DomainError):
    """The challenge is not in a state that allows this (payload: ``status``)."""

    code = "PERSONAL_CHALLENGE_STATUS"
    default_message = "В этом состоянии вызова так сделать нельзя"


class OutcomeAlreadyReportedError(DomainError):
    code = "OUTCOME_ALREADY_REPORTED"
    default_message = "Вы уже сообщили итог этого вызова"


class ChallengerCannotPayError(DomainError):
    """The creator no longer has the wager; nothing is held."""

    code = "CHALLENGER_INSUFFICIENT_FUNDS"
    default_message = "У автора вызова недостаточно PD для ставки"


class CancellationAlreadyRequestedError(DomainError):
    code = "CANCELLATION_ALREADY_REQUESTED"
    default_message = "Вы уже предложили отменить вызов: отменить его может согласие соперника"
