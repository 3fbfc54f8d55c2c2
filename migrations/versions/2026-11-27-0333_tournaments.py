"""Tournaments: tournaments, entries (applications with rosters), judges, announcements and
the bracket slots that became matches; plus the foreign key from matches.tournament_id.

Revision ID: 0013_tournaments
Revises: 0012_search
Create Date: 2026-11-27 03:33:57.950093+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0013_tournaments"
down_revision: str | None = "0012_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tournaments",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("slug", sa.String(length=140), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("sport_id", sa.Uuid(), nullable=False),
        sa.Column("organizer_id", sa.Uuid(), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("playground_id", sa.Uuid(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("rules", sa.Text(), nullable=True),
        sa.Column("prize", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "DRAFT",
                "ANNOUNCED",
                "REGISTRATION",
                "IN_PROGRESS",
                "SUSPENDED",
                "FINISHED",
                "CANCELLED",
                name="tournament_status",
                native_enum=False,
                length=16,
            ),
            server_default="DRAFT",
            nullable=False,
        ),
        sa.Column(
            "format",
            sa.Enum(
                "SINGLE_ELIMINATION",
                "DOUBLE_ELIMINATION",
                "ROUND_ROBIN",
                "SWISS",
                "GROUPS_PLAYOFF",
                name="tournament_format",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("capacity", sa.SmallInteger(), nullable=False),
        sa.Column("registration_opens_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("registration_closes_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("starts_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("round_interval_minutes", sa.Integer(), server_default="120", nullable=False),
        sa.Column("entry_fee", sa.Integer(), server_default="0", nullable=False),
        sa.Column("roster_min", sa.SmallInteger(), server_default="1", nullable=False),
        sa.Column("roster_max", sa.SmallInteger(), nullable=True),
        sa.Column("rating_min", sa.Double(), nullable=True),
        sa.Column("rating_max", sa.Double(), nullable=True),
        sa.Column("age_min", sa.SmallInteger(), nullable=True),
        sa.Column("age_max", sa.SmallInteger(), nullable=True),
        sa.Column("check_in_required", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("third_place", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("double_round_robin", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("swiss_rounds", sa.SmallInteger(), nullable=True),
        sa.Column("group_count", sa.SmallInteger(), nullable=True),
        sa.Column("advance_per_group", sa.SmallInteger(), nullable=True),
        sa.Column(
            "seeding",
            sa.Enum(
                "RATING",
                "MANUAL",
                "RANDOM",
                name="tournament_seeding",
                native_enum=False,
                length=16,
            ),
            server_default="RATING",
            nullable=False,
        ),
        sa.Column("seeding_seed", sa.BigInteger(), nullable=True),
        sa.Column("points_win", sa.SmallInteger(), server_default="3", nullable=False),
        sa.Column("points_draw", sa.SmallInteger(), server_default="1", nullable=False),
        sa.Column("points_loss", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "tie_breakers", sa.ARRAY(sa.String(length=24)), server_default="{}", nullable=False
        ),
        sa.Column("champion_team_id", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("started_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("finished_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("suspended_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("cancelled_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "capacity BETWEEN 4 AND 128", name=op.f("ck_tournaments_capacity_range")
        ),
        sa.CheckConstraint("entry_fee >= 0", name=op.f("ck_tournaments_entry_fee_non_negative")),
        sa.ForeignKeyConstraint(
            ["champion_team_id"], ["teams.id"], name=op.f("fk_tournaments_champion_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["organizer_id"], ["users.id"], name=op.f("fk_tournaments_organizer_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["playground_id"],
            ["playgrounds.id"],
            name=op.f("fk_tournaments_playground_id_playgrounds"),
        ),
        sa.ForeignKeyConstraint(
            ["sport_id"], ["sports.id"], name=op.f("fk_tournaments_sport_id_sports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tournaments")),
        sa.UniqueConstraint("slug", name=op.f("uq_tournaments_slug")),
    )
    op.create_index(
        op.f("ix_tournaments_organizer_id"), "tournaments", ["organizer_id"], unique=False
    )
    op.create_index(
        "ix_tournaments_sport_status", "tournaments", ["sport_id", "status"], unique=False
    )
    op.create_index("ix_tournaments_starts", "tournaments", ["starts_at", "id"], unique=False)
    op.create_table(
        "tournament_announcements",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("tournament_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_tournament_announcements_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["tournament_id"],
            ["tournaments.id"],
            name=op.f("fk_tournament_announcements_tournament_id_tournaments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tournament_announcements")),
    )
    op.create_index(
        "ix_tournament_announcements",
        "tournament_announcements",
        ["tournament_id", "created_at", "id"],
        unique=False,
    )
    op.create_table(
        "tournament_entries",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("tournament_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("roster_user_ids", sa.ARRAY(sa.UUID()), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "APPROVED",
                "REJECTED",
                "WITHDRAWN",
                "CANCELLED",
                name="tournament_entry_status",
                native_enum=False,
                length=16,
            ),
            server_default="PENDING",
            nullable=False,
        ),
        sa.Column("applied_by_id", sa.Uuid(), nullable=False),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("seed", sa.SmallInteger(), nullable=True),
        sa.Column("placement", sa.SmallInteger(), nullable=True),
        sa.Column("checked_in_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("decided_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["applied_by_id"], ["users.id"], name=op.f("fk_tournament_entries_applied_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_tournament_entries_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_tournament_entries_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["tournament_id"],
            ["tournaments.id"],
            name=op.f("fk_tournament_entries_tournament_id_tournaments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tournament_entries")),
    )
    op.create_index(
        "ix_tournament_entries_team", "tournament_entries", ["team_id", "status"], unique=False
    )
    op.create_index(
        "uq_tournament_entries_live",
        "tournament_entries",
        ["tournament_id", "team_id"],
        unique=True,
        postgresql_where=sa.text("status IN ('PENDING', 'APPROVED')"),
    )
    op.create_table(
        "tournament_judges",
        sa.Column("tournament_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("assigned_by_id", sa.Uuid(), nullable=False),
        sa.Column("assigned_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assigned_by_id"], ["users.id"], name=op.f("fk_tournament_judges_assigned_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["tournament_id"],
            ["tournaments.id"],
            name=op.f("fk_tournament_judges_tournament_id_tournaments"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_tournament_judges_user_id_users")
        ),
        sa.PrimaryKeyConstraint("tournament_id", "user_id", name=op.f("pk_tournament_judges")),
    )
    op.create_index(
        op.f("ix_tournament_judges_user_id"), "tournament_judges", ["user_id"], unique=False
    )
    op.create_table(
        "tournament_matches",
        sa.Column("tournament_id", sa.Uuid(), nullable=False),
        sa.Column("slot_key", sa.String(length=24), nullable=False),
        sa.Column("match_id", sa.Uuid(), nullable=True),
        sa.Column("round", sa.SmallInteger(), nullable=False),
        sa.Column("home_seed", sa.SmallInteger(), nullable=False),
        sa.Column("away_seed", sa.SmallInteger(), nullable=True),
        sa.Column("home_score", sa.Integer(), nullable=True),
        sa.Column("away_score", sa.Integer(), nullable=True),
        sa.Column("winner_side", sa.String(length=4), nullable=True),
        sa.Column("confirmed_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_tournament_matches_match_id_matches")
        ),
        sa.ForeignKeyConstraint(
            ["tournament_id"],
            ["tournaments.id"],
            name=op.f("fk_tournament_matches_tournament_id_tournaments"),
        ),
        sa.PrimaryKeyConstraint("tournament_id", "slot_key", name=op.f("pk_tournament_matches")),
        sa.UniqueConstraint("match_id", name=op.f("uq_tournament_matches_match_id")),
    )
    op.create_foreign_key(
        op.f("fk_matches_tournament_id_tournaments"),
        "matches",
        "tournaments",
        ["tournament_id"],
        ["id"],
    )


def downgrade() -> None:
    op.drop_constraint(op.f("fk_matches_tournament_id_tournaments"), "matches", type_="foreignkey")
    op.drop_table("tournament_matches")
    op.drop_index(op.f("ix_tournament_judges_user_id"), table_name="tournament_judges")
    op.drop_table("tournament_judges")
    op.drop_index(
        "uq_tournament_entries_live",
        table_name="tournament_entries",
        postgresql_where=sa.text("status IN ('PENDING', 'APPROVED')"),
    )
    op.drop_index("ix_tournament_entries_team", table_name="tournament_entries")
    op.drop_table("tournament_entries")
    op.drop_index("ix_tournament_announcements", table_name="tournament_announcements")
    op.drop_table("tournament_announcements")
    op.drop_index("ix_tournaments_starts", table_name="tournaments")
    op.drop_index("ix_tournaments_sport_status", table_name="tournaments")
    op.drop_index(op.f("ix_tournaments_organizer_id"), table_name="tournaments")
    op.drop_table("tournaments")
