"""Extensions and users.

Revision ID: 0001_users
Revises:
Create Date: 2026-11-26 23:32:35+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001_users"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUDIENCE = sa.Enum("ALL", "FRIENDS", "NOBODY", name="audience", native_enum=False, length=16)
TIMESTAMPTZ = postgresql.TIMESTAMP(timezone=True)


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS vector")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("username", sa.String(length=255), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("full_name", sa.String(length=255), nullable=True),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("roles", sa.ARRAY(sa.String(length=32)), server_default="{}", nullable=False),
        sa.Column(
            "search_text",
            sa.Text(),
            sa.Computed("lower(display_name || ' ' || coalesce(nickname, ''))", persisted=True),
            nullable=False,
        ),
        sa.Column("claims_hash", sa.String(length=64), server_default="", nullable=False),
        sa.Column("nickname", sa.String(length=30), nullable=True),
        sa.Column("nickname_changed_at", TIMESTAMPTZ, nullable=True),
        sa.Column("avatar_url", sa.Text(), nullable=True),
        sa.Column("banner_url", sa.Text(), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("bio", sa.Text(), nullable=True),
        sa.Column("telegram", sa.String(length=64), nullable=True),
        sa.Column("discord", sa.String(length=64), nullable=True),
        sa.Column("teams_visibility", AUDIENCE, server_default="ALL", nullable=False),
        sa.Column("contacts_visibility", AUDIENCE, server_default="FRIENDS", nullable=False),
        sa.Column("message_permission", AUDIENCE, server_default="ALL", nullable=False),
        sa.Column("invite_permission", AUDIENCE, server_default="ALL", nullable=False),
        sa.Column("banned_until", TIMESTAMPTZ, nullable=True),
        sa.Column("ban_reason", sa.Text(), nullable=True),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("subject", name=op.f("uq_users_subject")),
    )
    op.create_index(
        "ix_users_display_name_id",
        "users",
        [sa.literal_column("lower(display_name)"), "id"],
    )
    op.create_index(
        "ix_users_search_text_trgm",
        "users",
        ["search_text"],
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.create_index(
        "uq_users_nickname_lower", "users", [sa.literal_column("lower(nickname)")], unique=True
    )


def downgrade() -> None:
    op.drop_table("users")
