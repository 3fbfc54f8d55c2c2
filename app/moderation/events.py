from __future__ import annotations

import uuid
from datetime import datetime

from app.auth.principals import ACCOUNT_CHANNEL_PREFIX
from app.events import Event

TOPIC = "prodvor.moderation"


def account_channel(user_id: uuid.UUID) -> str:
    """The hub channel of everything that ends a user's open connections."""
    return f"{ACCOUNT_CHANNEL_PREFIX}{user_id}"


class UserReported(Event):
    type = "moderation.user_reported"
    topic = TOPIC

    report_id: uuid.UUID
    reporter_id: uuid.UUID
    reported_user_id: uuid.UUID
    category: str

    @property
    def key(self) -> str:
        return str(self.reported_user_id)


class UserReportResolved(Event):
    type = "moderation.report_resolved"
    topic = TOPIC

    report_id: uuid.UUID
    reporter_id: uuid.UUID
    reported_user_id: uuid.UUID
    moderator_id: uuid.UUID
    action: str

    @property
    def key(self) -> str:
        return str(self.reported_user_id)


class UserWarned(Event):
    type = "moderation.user_warned"
    topic = TOPIC

    user_id: uuid.UUID
    moderator_id: uuid.UUID
    note: str | None

    @property
    def key(self) -> str:
        return str(self.user_id)


class UserBanned(Event):
    """Every replica's hub closes the user's open WebSockets when it hears this."""

    type = "moderation.user_banned"
    topic = TOPIC

    user_id: uuid.UUID
    moderator_id: uuid.UUID
    banned_until: datetime
    permanent: bool

    @property
    def key(self) -> str:
        return str(self.user_id)

    def channels(self) -> list[str]:
        return [account_channel(self.user_id)]
