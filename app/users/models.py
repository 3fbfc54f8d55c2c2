from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ARRAY, Computed, Enum, Index, String, Text, Uuid, func, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk, utcnow


class Audience(StrEnum):
    """Who may see or do something: everyone, friends only, or nobody but me."""

    ALL = "ALL"
    FRIENDS = "FRIENDS"
    NOBODY = "NOBODY"


def _audience_column(default: Audience) -> Mapped[Audience]:
    return mapped_column(
        Enum(Audience, name="audience", native_enum=False, length=16),
        default=default,
        server_default=default.value,
    )


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        Index("uq_users_nickname_lower", func.lower(text("nickname")), unique=True),
        Index(
            "ix_users_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
        Index("ix_users_display_name_id", func.lower(text("display_name")), "id"),
    )

    id: Mapped[UUIDPk]
    subject: Mapped[str] = mapped_column(String(255), unique=True)
    username: Mapped[str] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(320))
    full_name: Mapped[str | None] = mapped_column(String(255))
    """The ``name`` claim, refreshed from every token; ``display_name`` belongs to the user."""
    display_name: Mapped[str] = mapped_column(String(100))
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(32)), default=list, server_default="{}")
    search_text: Mapped[str] = mapped_column(
        Text, Computed("lower(display_name || ' ' || coalesce(nickname, ''))", persisted=True)
    )
    claims_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")

    nickname: Mapped[str | None] = mapped_column(String(30))
    nickname_changed_at: Mapped[datetime | None]
    avatar_url: Mapped[str | None] = mapped_column(Text)
    banner_url: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(100))
    birth_date: Mapped[date | None]
    bio: Mapped[str | None] = mapped_column(Text)
    telegram: Mapped[str | None] = mapped_column(String(64))
    discord: Mapped[str | None] = mapped_column(String(64))
    favourite_sport_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(Uuid), default=list, server_default="{}"
    )
    """In the user's order. Sports are never deleted, so an array needs no foreign key."""

    teams_visibility: Mapped[Audience] = _audience_column(Audience.ALL)
    contacts_visibility: Mapped[Audience] = _audience_column(Audience.FRIENDS)
    message_permission: Mapped[Audience] = _audience_column(Audience.ALL)
    invite_permission: Mapped[Audience] = _audience_column(Audience.ALL)

    banned_until: Mapped[datetime | None]
    ban_reason: Mapped[str | None] = mapped_column(Text)

    created_at: Mapped[CreatedAt]
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=text("now()")
    )

    def is_banned(self, now: datetime) -> bool:
        return self.banned_until is not None and self.banned_until > now
