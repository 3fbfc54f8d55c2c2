"""Rate-limit buckets and persisted operations.

Revision ID: 0005_abuse_limits
Revises: 0004_auth_sessions
Create Date: 2026-11-26 23:58:27.549672+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005_abuse_limits"
down_revision: str | None = "0004_auth_sessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "persisted_operations",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persisted_operations")),
    )
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("tat", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("period", sa.Interval(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limits")),
    )
    op.create_index(op.f("ix_rate_limits_tat"), "rate_limits", ["tat"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_rate_limits_tat"), table_name="rate_limits")
    op.drop_table("rate_limits")
    op.drop_table("persisted_operations")
