from __future__ import annotations

import uuid

from app.events import Event

TOPIC = "prodvor.quests"


class _QuestEvent(Event):
    topic = TOPIC

    user_id: uuid.UUID
    quest_id: uuid.UUID
    code: str
    period: str

    @property
    def key(self) -> str:
        return str(self.user_id)


class QuestCompleted(_QuestEvent):
    """The user reached the goal; the reward waits to be claimed."""

    type = "quest.completed"

    title: str


class QuestRewardClaimed(_QuestEvent):
    type = "quest.reward_claimed"

    pd: int
    xp: int
