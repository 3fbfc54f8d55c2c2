from __future__ import annotations

from datetime import datetime


class InvalidTokenError(Exception):
    """The bearer token is not acceptable. The reason is logged, never shown to the client."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UserBannedError(Exception):
    def __init__(self, until: datetime, reason: str | None) -> None:
        super().__init__("user is banned")
        self.until = until
        self.reason = reason
