from __future__ import annotations

import uuid

from app.events import Event

TOPIC = "prodvor.feed"


class _ActivityEvent(Event):
    topic = TOPIC

    activity_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.activity_id)


class StatusPosted(_ActivityEvent):
    type = "feed.status_posted"

    user_id: uuid.UUID


class ActivityLiked(_ActivityEvent):
    type = "feed.activity_liked"

    user_id: uuid.UUID


class ActivityUnliked(_ActivityEvent):
    type = "feed.activity_unliked"

    user_id: uuid.UUID


class ActivityCommented(_ActivityEvent):
    type = "feed.activity_commented"

    comment_id: uuid.UUID
    author_id: uuid.UUID


class ActivityCommentDeleted(_ActivityEvent):
    type = "feed.comment_deleted"

    comment_id: uuid.UUID
    author_id: uuid.UUID
    deleted_by: uuid.UUID
