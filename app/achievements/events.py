from __future__ import annotations

import uuid

from app.events import Event

TOPIC = "prodvor.achievements"


class AchievementUnlocked(Event):
    """Announced once per user and achievement (notifications tell the user)."""

    type = "achievement.unlocked"
    topic = TOPIC

    user_id: uuid.UUID
    achievement_id: uuid.UUID
    code: str
    name: str

    @property
    def key(self) -> str:
        return str(self.user_id)
