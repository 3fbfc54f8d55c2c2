"""Personal challenges: an accepted challenge is called off only when both sides agree, so
the first side's request waits in ``personal_challenges.cancel_requested_by_id``.

Team challenges gain the statuses WITHDRAWN and EXPIRED; their status column is a plain
string without a check constraint, so upgrading needs no change to it. Downgrading closes such
challenges as DECLINED, the one closed status the older code can read.

Revision ID: 0018_challenges
Revises: 0017_finish
Create Date: 2026-11-27 07:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_challenges"
down_revision: str | None = "0017_finish"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "personal_challenges", sa.Column("cancel_requested_by_id", sa.Uuid(), nullable=True)
    )
    op.create_foreign_key(
        op.f("fk_personal_challenges_cancel_requested_by_id_users"),
        "personal_challenges",
        "users",
        ["cancel_requested_by_id"],
        ["id"],
    )


def downgrade() -> None:
    op.execute(
        "UPDATE match_challenges SET status = 'DECLINED' WHERE status IN ('WITHDRAWN', 'EXPIRED')"
    )
    op.drop_constraint(
        op.f("fk_personal_challenges_cancel_requested_by_id_users"),
        "personal_challenges",
        type_="foreignkey",
    )
    op.drop_column("personal_challenges", "cancel_requested_by_id")
