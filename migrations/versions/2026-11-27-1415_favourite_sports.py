"""A profile's favourite sports: ``users.favourite_sport_ids``, in the user's order.

Revision ID: 0019_favourite_sports
Revises: 0018_challenges
Create Date: 2026-11-27 14:15:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0019_favourite_sports"
down_revision: str | None = "0018_challenges"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "users",
        sa.Column(
            "favourite_sport_ids",
            postgresql.ARRAY(sa.Uuid()),
            server_default="{}",
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_column("users", "favourite_sport_ids")
