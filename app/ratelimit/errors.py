from __future__ import annotations

from typing import Any

from app.errors import DomainError


class RateLimitedError(DomainError):
    """Too many requests; ``retry_after`` is the whole number of seconds to wait."""

    code = "RATE_LIMITED"
    default_message = "Слишком много запросов, попробуйте позже"

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after=retry_after)
        self.retry_after = retry_after

    def extensions(self) -> dict[str, Any]:
        return {"retryAfter": self.retry_after}
