"""Sports catalogue, teams, memberships, applications and invitations.

Revision ID: 0003_sports_teams
Revises: 0002_events
Create Date: 2026-11-27 00:02:58.897864+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003_sports_teams"
down_revision: str | None = "0002_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMPTZ = postgresql.TIMESTAMP(timezone=True)
TEAM_ROLE = sa.Enum(
    "CAPTAIN", "PLAYER", "COACH", "MANAGER", name="team_role", native_enum=False, length=16
)


def upgrade() -> None:
    op.create_table(
        "sports",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "TEAM", "INDIVIDUAL", "ESPORTS", name="sport_category", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("icon", sa.String(length=40), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("roster_min", sa.Integer(), nullable=True),
        sa.Column("roster_max", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(category = 'INDIVIDUAL') = (roster_max IS NULL) "
            "AND (roster_min IS NULL) = (roster_max IS NULL) "
            "AND (roster_min IS NULL OR roster_min BETWEEN 1 AND roster_max)",
            name=op.f("ck_sports_roster_limits"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["sports.id"], name=op.f("fk_sports_parent_id_sports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sports")),
        sa.UniqueConstraint("code", name=op.f("uq_sports_code")),
        sa.UniqueConstraint("name", name=op.f("uq_sports_name")),
    )
    op.create_index(op.f("ix_sports_parent_id"), "sports", ["parent_id"], unique=False)
    op.create_table(
        "teams",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column(
            "search_name", sa.Text(), sa.Computed("lower(name)", persisted=True), nullable=False
        ),
        sa.Column("sport_id", sa.Uuid(), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("motto", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("logo_url", sa.Text(), nullable=True),
        sa.Column("rating", sa.Double(), server_default="0", nullable=False),
        sa.Column("wins", sa.Integer(), server_default="0", nullable=False),
        sa.Column("draws", sa.Integer(), server_default="0", nullable=False),
        sa.Column("losses", sa.Integer(), server_default="0", nullable=False),
        sa.Column("form", sa.ARRAY(sa.String(length=4)), server_default="{}", nullable=False),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("disbanded_at", TIMESTAMPTZ, nullable=True),
        sa.ForeignKeyConstraint(["sport_id"], ["sports.id"], name=op.f("fk_teams_sport_id_sports")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("slug", name=op.f("uq_teams_slug")),
    )
    op.create_index(
        "ix_teams_by_created",
        "teams",
        ["created_at", "id"],
        unique=False,
        postgresql_where=sa.text("disbanded_at IS NULL"),
    )
    op.create_index(
        "ix_teams_by_name",
        "teams",
        ["search_name", "id"],
        unique=False,
        postgresql_where=sa.text("disbanded_at IS NULL"),
    )
    op.create_index(
        "ix_teams_by_rating",
        "teams",
        [sa.literal_column("rating DESC"), "search_name", "id"],
        unique=False,
        postgresql_where=sa.text("disbanded_at IS NULL"),
    )
    op.create_index(
        "ix_teams_city_lower", "teams", [sa.literal_column("lower(city)")], unique=False
    )
    op.create_index(
        "ix_teams_search_name_trgm",
        "teams",
        ["search_name"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"search_name": "gin_trgm_ops"},
    )
    op.create_index(op.f("ix_teams_sport_id"), "teams", ["sport_id"], unique=False)
    op.create_table(
        "team_applications",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "ACCEPTED",
                "DECLINED",
                "WITHDRAWN",
                "CANCELLED",
                name="team_application_status",
                native_enum=False,
                length=16,
            ),
            server_default="PENDING",
            nullable=False,
        ),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("decided_at", TIMESTAMPTZ, nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_team_applications_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_team_applications_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_team_applications_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_applications")),
    )
    op.create_index(
        "ix_team_applications_team",
        "team_applications",
        ["team_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_team_applications_user",
        "team_applications",
        ["user_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "uq_team_applications_pending",
        "team_applications",
        ["team_id", "user_id"],
        unique=True,
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.create_table(
        "team_invitations",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("invited_by_id", sa.Uuid(), nullable=False),
        sa.Column(
            "role",
            TEAM_ROLE,
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "ACCEPTED",
                "DECLINED",
                "CANCELLED",
                name="team_invitation_status",
                native_enum=False,
                length=16,
            ),
            server_default="PENDING",
            nullable=False,
        ),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("answered_at", TIMESTAMPTZ, nullable=True),
        sa.ForeignKeyConstraint(
            ["invited_by_id"], ["users.id"], name=op.f("fk_team_invitations_invited_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_team_invitations_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_team_invitations_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_invitations")),
    )
    op.create_index(
        "ix_team_invitations_team",
        "team_invitations",
        ["team_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_team_invitations_user",
        "team_invitations",
        ["user_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "uq_team_invitations_pending",
        "team_invitations",
        ["team_id", "user_id"],
        unique=True,
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.create_table(
        "team_members",
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "role",
            TEAM_ROLE,
            nullable=False,
        ),
        sa.Column("joined_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_team_members_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_team_members_user_id_users")
        ),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_team_members")),
    )
    op.create_index(op.f("ix_team_members_user_id"), "team_members", ["user_id"], unique=False)
    op.create_index(
        "uq_team_members_one_captain",
        "team_members",
        ["team_id"],
        unique=True,
        postgresql_where=sa.text("role = 'CAPTAIN'"),
    )


def downgrade() -> None:
    op.drop_table("team_members")
    op.drop_table("team_invitations")
    op.drop_table("team_applications")
    op.drop_table("teams")
    op.drop_table("sports")
