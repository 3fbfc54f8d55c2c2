"""Quota tiers, daily usage, the audit of calls and the answer cache."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk


class QuotaTier(StrEnum):
    FREE = "FREE"
    PRO = "PRO"
    """Users with a PRO entitlement (economy)."""
    STAFF = "STAFF"
    """Moderators and administrators."""


class CallOutcome(StrEnum):
    OK = "OK"
    CACHED = "CACHED"
    FAILED = "FAILED"
    QUOTA_EXCEEDED = "QUOTA_EXCEEDED"
    RATE_LIMITED = "RATE_LIMITED"


class AiQuota(Base):
    """The limits of one tier; rows are seeded by the migration and may be edited in SQL."""

    __tablename__ = "ai_quotas"

    tier: Mapped[QuotaTier] = mapped_column(
        Enum(QuotaTier, name="ai_quota_tier", native_enum=False, length=16), primary_key=True
    )
    requests_per_minute: Mapped[int] = mapped_column(Integer)
    tokens_per_day: Mapped[int] = mapped_column(Integer)


class AiUsageDay(Base):
    """Calls and tokens of one user on one UTC day: what the daily quota is checked against."""

    __tablename__ = "ai_usage_days"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    requests: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    tokens: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AiCall(Base):
    """One row per call of a flow, refused and failed ones included (audit and cost)."""

    __tablename__ = "ai_calls"
    __table_args__ = (
        Index("ix_ai_calls_user", "user_id", "created_at"),
        Index("ix_ai_calls_flow", "flow", "created_at"),
    )

    id: Mapped[UUIDPk]
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    """``None`` for work done on nobody's behalf (the condition-report triage)."""
    flow: Mapped[str] = mapped_column(String(64))
    prompt_version: Mapped[str] = mapped_column(String(32))
    model: Mapped[str] = mapped_column(String(100))
    input_hash: Mapped[str] = mapped_column(String(64))
    """SHA-256 of flow, prompt version, model and the rendered prompt: never the text itself."""
    tokens_in: Mapped[int] = mapped_column(Integer, default=0)
    tokens_out: Mapped[int] = mapped_column(Integer, default=0)
    latency_ms: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[CallOutcome] = mapped_column(
        Enum(CallOutcome, name="ai_call_outcome", native_enum=False, length=16)
    )
    error: Mapped[str | None] = mapped_column(String(32))
    """The failure's reason code (``INVALID_OUTPUT``, ``TIMEOUT``...)."""
    created_at: Mapped[CreatedAt]


class AiCacheEntry(Base):
    """A validated answer of a cacheable flow, reused for the same ``input_hash`` until expiry."""

    __tablename__ = "ai_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    flow: Mapped[str] = mapped_column(String(64))
    output: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[CreatedAt]
    expires_at: Mapped[datetime] = mapped_column(index=True)
