from __future__ import annotations

from enum import StrEnum
from typing import Any

from app.errors import DomainError


class FailureReason(StrEnum):
    INVALID_OUTPUT = "INVALID_OUTPUT"
    """The answer did not match the output schema, even after one repair attempt."""
    BLOCKED = "BLOCKED"
    """Safety filters refused the request or the answer."""
    TIMEOUT = "TIMEOUT"
    UPSTREAM_BUSY = "UPSTREAM_BUSY"
    """429 from the provider, still after our retries."""
    UPSTREAM_ERROR = "UPSTREAM_ERROR"
    """5xx or a broken connection, still after our retries."""
    UPSTREAM_REJECTED = "UPSTREAM_REJECTED"
    """Another 4xx: the request or our configuration is wrong; retrying will not help."""


RETRYABLE = frozenset(
    {
        FailureReason.INVALID_OUTPUT,
        FailureReason.TIMEOUT,
        FailureReason.UPSTREAM_BUSY,
        FailureReason.UPSTREAM_ERROR,
    }
)


class AiUnavailableError(DomainError):
    code = "AI_UNAVAILABLE"
    default_message = "ИИ-помощник сейчас недоступен"


class AiFailedError(DomainError):
    """The model could not give a usable answer; the message never carries upstream details."""

    code = "AI_FAILED"
    default_message = "ИИ-помощник не смог ответить, попробуйте ещё раз"

    def __init__(self, reason: FailureReason, *, tokens_in: int = 0, tokens_out: int = 0) -> None:
        retryable = reason in RETRYABLE
        message = None if retryable else "ИИ-помощник не может ответить на этот запрос"
        super().__init__(message, reason=reason, retryable=retryable)
        self.reason = reason
        self.retryable = retryable
        self.tokens_in = tokens_in
        self.tokens_out = tokens_out

    def extensions(self) -> dict[str, Any]:
        return {"reason": self.reason.value, "retryable": self.retryable}


class QuotaExceededError(DomainError):
    """The caller's daily token quota is spent; ``retry_after`` seconds until it renews."""

    code = "QUOTA_EXCEEDED"
    default_message = "Дневной лимит ИИ исчерпан"

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after=retry_after)
        self.retry_after = retry_after

    def extensions(self) -> dict[str, Any]:
        return {"retryAfter": self.retry_after}
