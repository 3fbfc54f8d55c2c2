"""Chats, their members and messages.

Revision ID: 0007_chat
Revises: 0011_ai
Create Date: 2026-11-27 01:01:36+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007_chat"
down_revision: str | None = "0011_ai"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMPTZ = postgresql.TIMESTAMP(timezone=True)
CHAT_KIND = sa.Enum(
    "DIRECT", "TEAM", "MATCH", "TOURNAMENT", name="chat_kind", native_enum=False, length=16
)


def upgrade() -> None:
    op.create_table(
        "chats",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("kind", CHAT_KIND, nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=True),
        sa.Column("direct_key", sa.String(length=73), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("last_seq", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("last_activity_at", TIMESTAMPTZ, nullable=False),
        sa.Column("closed_at", TIMESTAMPTZ, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chats")),
        sa.UniqueConstraint("direct_key", name=op.f("uq_chats_direct_key")),
        sa.UniqueConstraint("kind", "subject_id", name=op.f("uq_chats_kind_subject_id")),
    )
    op.create_table(
        "chat_members",
        sa.Column("chat_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("joined_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("last_read_seq", sa.BigInteger(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name=op.f("fk_chat_members_chat_id_chats")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_chat_members_user_id_users")
        ),
        sa.PrimaryKeyConstraint("chat_id", "user_id", name=op.f("pk_chat_members")),
    )
    op.create_index(op.f("ix_chat_members_user_id"), "chat_members", ["user_id"], unique=False)
    op.create_table(
        "chat_messages",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("chat_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("sender_id", sa.Uuid(), nullable=False),
        sa.Column("client_message_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.String(length=2000), nullable=True),
        sa.Column("reply_to_seq", sa.BigInteger(), nullable=True),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("edited_at", TIMESTAMPTZ, nullable=True),
        sa.Column("deleted_at", TIMESTAMPTZ, nullable=True),
        # A reply points into its own chat: the chat id is part of the reference.
        sa.ForeignKeyConstraint(
            ["chat_id", "reply_to_seq"],
            ["chat_messages.chat_id", "chat_messages.seq"],
            name=op.f("fk_chat_messages_chat_id_chat_messages"),
        ),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name=op.f("fk_chat_messages_chat_id_chats")
        ),
        sa.ForeignKeyConstraint(
            ["sender_id"], ["users.id"], name=op.f("fk_chat_messages_sender_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_messages")),
        # Also the index for history pages and unread counts (a range of one chat's numbers).
        sa.UniqueConstraint("chat_id", "seq", name=op.f("uq_chat_messages_chat_id_seq")),
        sa.UniqueConstraint(
            "sender_id",
            "client_message_id",
            name=op.f("uq_chat_messages_sender_id_client_message_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("chat_messages")
    op.drop_index(op.f("ix_chat_members_user_id"), table_name="chat_members")
    op.drop_table("chat_members")
    op.drop_table("chats")
