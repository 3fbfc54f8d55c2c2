"""The AI assistant's answers in chats: messages without a sender, one per asking message.

Revision ID: 0012_ai_chat
Revises: 0010_matches
Create Date: 2026-11-27 04:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_ai_chat"
down_revision: str | None = "0010_matches"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.alter_column("chat_messages", "sender_id", existing_type=sa.Uuid(), nullable=True)
    op.create_index(
        "uq_chat_messages_assistant_answer",
        "chat_messages",
        ["chat_id", "reply_to_seq"],
        unique=True,
        postgresql_where=sa.text("sender_id IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_chat_messages_assistant_answer", table_name="chat_messages")
    op.execute(
        "UPDATE chat_messages AS reply SET reply_to_seq = NULL FROM chat_messages AS answer "
        "WHERE answer.sender_id IS NULL AND answer.chat_id = reply.chat_id "
        "AND answer.seq = reply.reply_to_seq"
    )
    op.execute("DELETE FROM chat_messages WHERE sender_id IS NULL")
    op.alter_column("chat_messages", "sender_id", existing_type=sa.Uuid(), nullable=False)
