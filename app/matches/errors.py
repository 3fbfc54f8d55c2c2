from __future__ import annotations

from app.errors import DomainError


class MatchStatusError(DomainError):
    """The match is not in a state that allows this (payload: ``status``)."""

    code = "MATCH_STATUS"
    default_message = "В этом состоянии матча так сделать нельзя"


class ScheduleClashError(DomainError):
    """One of the teams already has a match near that time (payload: ``match_id``)."""

    code = "SCHEDULE_CLASH"
    default_message = "У одной из команд уже есть матч в это время"


class ChallengeAlreadyPendingError(DomainError):
    code = "CHALLENGE_ALREADY_PENDING"
    default_message = "Между этими командами уже есть вызов, ожидающий ответа"


class ChallengeNotPendingError(DomainError):
    """The challenge was accepted, declined or withdrawn (payload: ``status``)."""

    code = "CHALLENGE_NOT_PENDING"
    default_message = "Этот вызов уже закрыт"


class ChallengeExpiredError(DomainError):
    code = "CHALLENGE_EXPIRED"
    default_message = "Предложенное время уже прошло: отправьте новый вызов"


class MatchTooEarlyError(DomainError):
    """Payload: ``starts_at``, the earliest moment the match may start."""

    code = "MATCH_TOO_EARLY"
    default_message = "Матч ещё рано начинать"


class LineupConflictError(DomainError):
    """Payload: ``user_ids``, the players already in the other side's lineup."""

    code = "LINEUP_CONFLICT"
    default_message = "Игрок не может играть за обе команды"


class AlreadyReportedError(DomainError):
    code = "ALREADY_REPORTED"
    default_message = "Ваша команда уже сообщила счёт этого матча"


class OwnReportDisputeError(DomainError):
    code = "OWN_REPORT_DISPUTE"
    default_message = "Оспорить счёт может только команда, которая его не сообщала"


class PartyToMatchError(DomainError):
    """The judge (or moderator) belongs to one of the teams or plays in the match."""

    code = "PARTY_TO_MATCH"
    default_message = "Нельзя судить матч своей команды"


class ResponseDeadlinePassedError(DomainError):
    """The other side's report went unanswered past ``confirm_by`` and now stands.

    Payload: ``deadline``. The match was confirmed as reported by the call that raised this,
    so the confirmation is kept (``keeps_changes``) while the late answer is refused.
    """

    code = "RESPONSE_DEADLINE_PASSED"
    default_message = "Срок ответа на сообщённый счёт истёк: матч подтверждён по этому счёту"
    keeps_changes = True
