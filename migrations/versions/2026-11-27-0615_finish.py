"""Match and tournament chats close some time after the game: ``chats.closes_at``.

Revision ID: 0017_finish
Revises: 0015_play
Create Date: 2026-11-27 06:15:45+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_finish"
down_revision: str | None = "0015_play"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("chats", sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(op.f("ix_chats_closes_at"), "chats", ["closes_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_chats_closes_at"), table_name="chats")
    op.drop_column("chats", "closes_at")
