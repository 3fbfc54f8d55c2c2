"""Friendship events are keyed by the pair (smaller id first), so one pair's stay in order."""

from __future__ import annotations

import uuid

from app.events import Event

TOPIC = "prodvor.social"


def pair_key(a: uuid.UUID, b: uuid.UUID) -> str:
    low, high = sorted((a, b))
    return f"{low}:{high}"


class _PairEvent(Event):
    topic = TOPIC

    from_user_id: uuid.UUID
    to_user_id: uuid.UUID

    @property
    def key(self) -> str:
        return pair_key(self.from_user_id, self.to_user_id)


class FriendRequestSent(_PairEvent):
    type = "social.friend_request_sent"

    request_id: uuid.UUID


class FriendRequestAccepted(_PairEvent):
    """``from_user_id`` asked, ``to_user_id`` accepted: they are friends now."""

    type = "social.friend_request_accepted"

    request_id: uuid.UUID


class FriendRequestDeclined(_PairEvent):
    type = "social.friend_request_declined"

    request_id: uuid.UUID


class FriendRequestCancelled(_PairEvent):
    type = "social.friend_request_cancelled"

    request_id: uuid.UUID


class FriendRemoved(_PairEvent):
    """``from_user_id`` removed ``to_user_id`` from friends (both directions are gone)."""

    type = "social.friend_removed"


class Followed(Event):
    type = "social.followed"
    topic = TOPIC

    follower_id: uuid.UUID
    target: str
    target_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.follower_id)


class Unfollowed(Event):
    type = "social.unfollowed"
    topic = TOPIC

    follower_id: uuid.UUID
    target: str
    target_id: uuid.UUID

    @property
    def key(self) -> str:
        return str(self.follower_id)
