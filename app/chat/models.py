from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Enum,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk


class ChatKind(StrEnum):
    DIRECT = "DIRECT"
    TEAM = "TEAM"
    MATCH = "MATCH"
    TOURNAMENT = "TOURNAMENT"


class Chat(Base):
    """A conversation; its row is the lock that orders the chat's messages and events.

    Sending, editing, deleting and changing members take ``FOR UPDATE`` on this row first, so
    message numbers (``last_seq``), the outbox and commits all follow one order per chat.
    A DIRECT chat is identified by its pair of users (``direct_key``), the others by the
    team, match or tournament they belong to (``subject_id``).
    """

    __tablename__ = "chats"
    __table_args__ = (UniqueConstraint("kind", "subject_id"),)

    id: Mapped[UUIDPk]
    kind: Mapped[ChatKind] = mapped_column(
        Enum(ChatKind, name="chat_kind", native_enum=False, length=16)
    )
    subject_id: Mapped[uuid.UUID | None]
    """The team, match or tournament of the chat; ``None`` for DIRECT chats."""
    direct_key: Mapped[str | None] = mapped_column(String(73), unique=True)
    """``<smaller user id>:<larger user id>`` for DIRECT chats: one chat per pair."""
    title: Mapped[str | None] = mapped_column(String(200))
    """Given by the domain that opens a MATCH or TOURNAMENT chat; TEAM chats show the team's
    current name and DIRECT chats the other person's."""
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    """Number of the newest message; the next one gets ``last_seq + 1``."""
    created_at: Mapped[CreatedAt]
    last_activity_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    """Read-only from then on (the team was disbanded, the match is long over...)."""
    closes_at: Mapped[datetime | None] = mapped_column(index=True)
    """When a finished match's or tournament's chat becomes read-only (the chat worker's task
    closes it then), leaving the participants time to talk the game over."""

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class ChatMember(Base):
    __tablename__ = "chat_members"

    chat_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("chats.id"), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    joined_at: Mapped[CreatedAt]
    last_read_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    """Messages up to this number are read; a new member starts at the chat's newest."""


class ChatMessage(Base):
    """A message; deleting it keeps a tombstone (no text) so replies and numbering hold.

    The AI assistant's answers have no sender and reply to the message that asked; at most
    one answer per asking message (``uq_chat_messages_assistant_answer``).
    """

    __tablename__ = "chat_messages"
    __table_args__ = (
        UniqueConstraint("chat_id", "seq"),
        UniqueConstraint("sender_id", "client_message_id"),
        ForeignKeyConstraint(
            ["chat_id", "reply_to_seq"], ["chat_messages.chat_id", "chat_messages.seq"]
        ),
        Index(
            "uq_chat_messages_assistant_answer",
            "chat_id",
            "reply_to_seq",
            unique=True,
            postgresql_where=text("sender_id IS NULL"),
        ),
    )

    id: Mapped[UUIDPk]
    chat_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("chats.id"))
    seq: Mapped[int] = mapped_column(BigInteger)
    sender_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    """``None`` for the AI assistant's answers."""
    client_message_id: Mapped[str] = mapped_column(String(64))
    """Chosen by the sender's client; a retry with the same value returns the stored message."""
    text: Mapped[str | None] = mapped_column(String(2000))
    """``None`` once deleted."""
    reply_to_seq: Mapped[int | None] = mapped_column(BigInteger)
    """The replied-to message of the same chat (by number, so it cannot be another chat's)."""
    created_at: Mapped[CreatedAt]
    edited_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def from_assistant(self) -> bool:
        return self.sender_id is None
