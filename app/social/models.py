"""Friend requests, friendships (one row per direction) and follows."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, func, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk


class FriendRequestStatus(StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    CANCELLED = "CANCELLED"


class FollowTarget(StrEnum):
    USER = "USER"
    TEAM = "TEAM"
    PLAYGROUND = "PLAYGROUND"


def _enum(enum: type[StrEnum], name: str) -> Enum:
    return Enum(enum, name=name, native_enum=False, length=16)


class FriendRequest(Base):
    __tablename__ = "friend_requests"
    __table_args__ = (
        CheckConstraint("from_user_id <> to_user_id", name="not_to_self"),
        Index(
            "uq_friend_requests_pending_pair",
            func.least(text("from_user_id"), text("to_user_id")),
            func.greatest(text("from_user_id"), text("to_user_id")),
            unique=True,
            postgresql_where=text("status = 'PENDING'"),
        ),
        Index("ix_friend_requests_to_status", "to_user_id", "status", "created_at", "id"),
        Index("ix_friend_requests_from_status", "from_user_id", "status", "created_at", "id"),
    )

    id: Mapped[UUIDPk]
    from_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    to_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[FriendRequestStatus] = mapped_column(
        _enum(FriendRequestStatus, "friend_request_status"),
        default=FriendRequestStatus.PENDING,
        server_default=FriendRequestStatus.PENDING.value,
    )
    created_at: Mapped[CreatedAt]
    decided_at: Mapped[datetime | None]


class Friendship(Base):
    """Stored in both directions, so "friends of X" is one index range either way."""

    __tablename__ = "friendships"
    __table_args__ = (CheckConstraint("user_id <> friend_id", name="not_self"),)

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    friend_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[CreatedAt]


class Follow(Base):
    """``target_id`` names a user, team or playground (by ``target``), so it has no foreign key."""

    __tablename__ = "follows"
    __table_args__ = (
        Index("ix_follows_target", "target", "target_id", "created_at"),
        Index("ix_follows_follower_created", "follower_id", "target", "created_at", "target_id"),
    )

    follower_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    target: Mapped[FollowTarget] = mapped_column(
        _enum(FollowTarget, "follow_target"), primary_key=True
    )
    target_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    created_at: Mapped[CreatedAt]
