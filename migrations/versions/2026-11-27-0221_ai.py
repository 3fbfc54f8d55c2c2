"""AI: quota tiers (seeded), daily usage, the audit of calls and the answer cache.

Revision ID: 0011_ai
Revises: 0008_notifications
Create Date: 2026-11-27 02:21:00.103465+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011_ai"
down_revision: str | None = "0008_notifications"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ai_cache",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("flow", sa.String(length=64), nullable=False),
        sa.Column("output", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("expires_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_ai_cache")),
    )
    op.create_index(op.f("ix_ai_cache_expires_at"), "ai_cache", ["expires_at"], unique=False)
    op.create_table(
        "ai_quotas",
        sa.Column(
            "tier",
            sa.Enum("FREE", "PRO", "STAFF", name="ai_quota_tier", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("requests_per_minute", sa.Integer(), nullable=False),
        sa.Column("tokens_per_day", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tier", name=op.f("pk_ai_quotas")),
    )
    quotas = sa.table(
        "ai_quotas",
        sa.column("tier", sa.String),
        sa.column("requests_per_minute", sa.Integer),
        sa.column("tokens_per_day", sa.Integer),
    )
    op.bulk_insert(
        quotas,
        [
            {"tier": "FREE", "requests_per_minute": 10, "tokens_per_day": 100_000},
            {"tier": "PRO", "requests_per_minute": 30, "tokens_per_day": 1_000_000},
            {"tier": "STAFF", "requests_per_minute": 60, "tokens_per_day": 5_000_000},
        ],
    )
    op.create_table(
        "ai_calls",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("flow", sa.String(length=64), nullable=False),
        sa.Column("prompt_version", sa.String(length=32), nullable=False),
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("input_hash", sa.String(length=64), nullable=False),
        sa.Column("tokens_in", sa.Integer(), nullable=False),
        sa.Column("tokens_out", sa.Integer(), nullable=False),
        sa.Column("latency_ms", sa.Integer(), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "OK",
                "CACHED",
                "FAILED",
                "QUOTA_EXCEEDED",
                "RATE_LIMITED",
                name="ai_call_outcome",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("error", sa.String(length=32), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_ai_calls_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ai_calls")),
    )
    op.create_index("ix_ai_calls_flow", "ai_calls", ["flow", "created_at"], unique=False)
    op.create_index("ix_ai_calls_user", "ai_calls", ["user_id", "created_at"], unique=False)
    op.create_table(
        "ai_usage_days",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("requests", sa.Integer(), server_default="0", nullable=False),
        sa.Column("tokens", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_ai_usage_days_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", "day", name=op.f("pk_ai_usage_days")),
    )


def downgrade() -> None:
    op.drop_table("ai_usage_days")
    op.drop_index("ix_ai_calls_user", table_name="ai_calls")
    op.drop_index("ix_ai_calls_flow", table_name="ai_calls")
    op.drop_table("ai_calls")
    op.drop_table("ai_quotas")
    op.drop_index(op.f("ix_ai_cache_expires_at"), table_name="ai_cache")
    op.drop_table("ai_cache")
