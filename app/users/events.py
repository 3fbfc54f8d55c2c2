from __future__ import annotations

import uuid

from app.events import Event

TOPIC = "prodvor.users"


class UserRegistered(Event):
    """A user was seen for the first time (first valid token)."""

    type = "user.registered"
    topic = TOPIC

    user_id: uuid.UUID
    username: str
    display_name: str

    @property
    def key(self) -> str:
        return str(self.user_id)


class UserProfileUpdated(Event):
    type = "user.profile_updated"
    topic = TOPIC

    user_id: uuid.UUID
    changed_fields: list[str]
    profile_complete: bool
    """All of: display name, nickname, avatar, city, birth date and bio are filled in."""

    @property
    def key(self) -> str:
        return str(self.user_id)
