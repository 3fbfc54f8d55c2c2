"""Playgrounds (moderation, reviews, check-ins, conditions, court wins); teams' home playgrounds.

Revision ID: 0006_playgrounds
Revises: 0005_abuse_limits
Create Date: 2026-11-27 01:00:32.323597+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006_playgrounds"
down_revision: str | None = "0005_abuse_limits"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMPTZ = postgresql.TIMESTAMP(timezone=True)


def upgrade() -> None:
    op.create_table(
        "playgrounds",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=False),
        sa.Column("longitude", sa.Double(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "FOOTBALL",
                "BASKETBALL",
                "STREETBALL",
                "WORKOUT",
                "FITNESS_GYM",
                "SWIMMING_POOL",
                "TENNIS_COURT",
                "SKI_TRACK",
                "BIATHLON_COMPLEX",
                "ICE_RINK",
                "SNOW_PARK",
                "SKI_SLOPE",
                "SHOOTING_RANGE",
                "MULTI_SPORT",
                name="playground_type",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "surface",
            sa.Enum(
                "ASPHALT",
                "RUBBER",
                "ARTIFICIAL_TURF",
                "NATURAL_TURF",
                "DIRT",
                "SAND",
                "PARQUET",
                "WATER",
                "SNOW",
                "ICE",
                name="playground_surface",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("features", sa.ARRAY(sa.String(length=32)), server_default="{}", nullable=False),
        sa.Column("photo_urls", sa.ARRAY(sa.Text()), server_default="{}", nullable=False),
        sa.Column(
            "search_text",
            sa.Text(),
            sa.Computed("lower(name || ' ' || address)", persisted=True),
            nullable=False,
        ),
        sa.Column(
            "search_vector",
            postgresql.TSVECTOR(),
            sa.Computed(
                "to_tsvector('russian'::regconfig, name || ' ' || address)", persisted=True
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "APPROVED",
                "REJECTED",
                name="playground_status",
                native_enum=False,
                length=16,
            ),
            server_default="PENDING",
            nullable=False,
        ),
        sa.Column("proposed_by_id", sa.Uuid(), nullable=False),
        sa.Column("moderated_by_id", sa.Uuid(), nullable=True),
        sa.Column("moderated_at", TIMESTAMPTZ, nullable=True),
        sa.Column("moderation_reason", sa.Text(), nullable=True),
        sa.Column("review_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("rating_sum", sa.Integer(), server_default="0", nullable=False),
        sa.Column("check_in_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "created_at",
            TIMESTAMPTZ,
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            TIMESTAMPTZ,
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "latitude BETWEEN -90 AND 90", name=op.f("ck_playgrounds_latitude_range")
        ),
        sa.CheckConstraint(
            "longitude BETWEEN -180 AND 180", name=op.f("ck_playgrounds_longitude_range")
        ),
        sa.CheckConstraint(
            "review_count >= 0 AND rating_sum >= review_count",
            name=op.f("ck_playgrounds_rating_totals"),
        ),
        sa.ForeignKeyConstraint(
            ["moderated_by_id"], ["users.id"], name=op.f("fk_playgrounds_moderated_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"], ["users.id"], name=op.f("fk_playgrounds_proposed_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_playgrounds")),
    )
    op.create_index(
        "ix_playgrounds_by_name",
        "playgrounds",
        [sa.literal_column("lower(name)"), "id"],
        unique=False,
        postgresql_where=sa.text("status = 'APPROVED'"),
    )
    op.create_index(
        "ix_playgrounds_city_lower",
        "playgrounds",
        [sa.literal_column("lower(city)")],
        unique=False,
        postgresql_where=sa.text("status = 'APPROVED'"),
    )
    op.create_index(
        "ix_playgrounds_location",
        "playgrounds",
        [sa.literal_column("point(longitude, latitude)")],
        unique=False,
        postgresql_using="gist",
        postgresql_where=sa.text("status = 'APPROVED'"),
    )
    op.create_index(
        "ix_playgrounds_pending",
        "playgrounds",
        ["created_at", "id"],
        unique=False,
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.create_index(
        "ix_playgrounds_proposed_by",
        "playgrounds",
        ["proposed_by_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_playgrounds_search_text_trgm",
        "playgrounds",
        ["search_text"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.create_index(
        "ix_playgrounds_search_vector",
        "playgrounds",
        ["search_vector"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_table(
        "playground_check_ins",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("playground_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            TIMESTAMPTZ,
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["playground_id"],
            ["playgrounds.id"],
            name=op.f("fk_playground_check_ins_playground_id_playgrounds"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_playground_check_ins_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_playground_check_ins")),
    )
    op.create_index(
        "ix_playground_check_ins_user",
        "playground_check_ins",
        ["user_id", "created_at"],
        unique=False,
    )
    op.create_index(
        "uq_playground_check_ins_daily",
        "playground_check_ins",
        ["playground_id", "user_id", "day"],
        unique=True,
    )
    op.create_table(
        "playground_condition_reports",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("playground_id", sa.Uuid(), nullable=False),
        sa.Column("reporter_id", sa.Uuid(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "BROKEN_EQUIPMENT",
                "SURFACE_DAMAGE",
                "LITTER",
                "NO_LIGHTING",
                "OTHER",
                name="condition_category",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "OPEN", "RESOLVED", name="condition_report_status", native_enum=False, length=16
            ),
            server_default="OPEN",
            nullable=False,
        ),
        sa.Column(
            "severity",
            sa.Enum(
                "LOW", "MEDIUM", "HIGH", name="condition_severity", native_enum=False, length=16
            ),
            nullable=True,
        ),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("resolved_by_id", sa.Uuid(), nullable=True),
        sa.Column("resolved_at", TIMESTAMPTZ, nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            TIMESTAMPTZ,
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["playground_id"],
            ["playgrounds.id"],
            name=op.f("fk_playground_condition_reports_playground_id_playgrounds"),
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"],
            ["users.id"],
            name=op.f("fk_playground_condition_reports_reporter_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["users.id"],
            name=op.f("fk_playground_condition_reports_resolved_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_playground_condition_reports")),
    )
    op.create_index(
        "ix_playground_condition_reports_open",
        "playground_condition_reports",
        ["playground_id", sa.literal_column("created_at DESC"), sa.literal_column("id DESC")],
        unique=False,
        postgresql_where=sa.text("status = 'OPEN'"),
    )
    op.create_index(
        "ix_playground_condition_reports_queue",
        "playground_condition_reports",
        ["status", "created_at", "id"],
        unique=False,
    )
    op.create_table(
        "playground_court_standings",
        sa.Column("playground_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("wins", sa.Integer(), nullable=False),
        sa.Column("reached_at", TIMESTAMPTZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["playground_id"],
            ["playgrounds.id"],
            name=op.f("fk_playground_court_standings_playground_id_playgrounds"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_playground_court_standings_team_id_teams")
        ),
        sa.PrimaryKeyConstraint(
            "playground_id", "team_id", name=op.f("pk_playground_court_standings")
        ),
    )
    op.create_index(
        "ix_playground_court_standings_king",
        "playground_court_standings",
        ["playground_id", sa.literal_column("wins DESC"), "reached_at", "team_id"],
        unique=False,
    )
    op.create_table(
        "playground_court_wins",
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column("playground_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column(
            "recorded_at",
            TIMESTAMPTZ,
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["playground_id"],
            ["playgrounds.id"],
            name=op.f("fk_playground_court_wins_playground_id_playgrounds"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_playground_court_wins_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("match_id", name=op.f("pk_playground_court_wins")),
    )
    op.create_table(
        "playground_reviews",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("playground_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            TIMESTAMPTZ,
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            TIMESTAMPTZ,
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "rating BETWEEN 1 AND 5", name=op.f("ck_playground_reviews_rating_range")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_playground_reviews_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["playground_id"],
            ["playgrounds.id"],
            name=op.f("fk_playground_reviews_playground_id_playgrounds"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_playground_reviews")),
    )
    op.create_index(
        op.f("ix_playground_reviews_author_id"), "playground_reviews", ["author_id"], unique=False
    )
    op.create_index(
        "ix_playground_reviews_recent",
        "playground_reviews",
        ["playground_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "uq_playground_reviews_author",
        "playground_reviews",
        ["playground_id", "author_id"],
        unique=True,
    )
    op.create_table(
        "playground_sports",
        sa.Column("playground_id", sa.Uuid(), nullable=False),
        sa.Column("sport_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["playground_id"],
            ["playgrounds.id"],
            name=op.f("fk_playground_sports_playground_id_playgrounds"),
        ),
        sa.ForeignKeyConstraint(
            ["sport_id"], ["sports.id"], name=op.f("fk_playground_sports_sport_id_sports")
        ),
        sa.PrimaryKeyConstraint("playground_id", "sport_id", name=op.f("pk_playground_sports")),
    )
    op.create_index(
        op.f("ix_playground_sports_sport_id"), "playground_sports", ["sport_id"], unique=False
    )
    op.create_table(
        "playground_visitors",
        sa.Column("playground_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("check_ins", sa.Integer(), nullable=False),
        sa.Column("reached_at", TIMESTAMPTZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["playground_id"],
            ["playgrounds.id"],
            name=op.f("fk_playground_visitors_playground_id_playgrounds"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_playground_visitors_user_id_users")
        ),
        sa.PrimaryKeyConstraint("playground_id", "user_id", name=op.f("pk_playground_visitors")),
    )
    op.create_index(
        "ix_playground_visitors_leaderboard",
        "playground_visitors",
        ["playground_id", sa.literal_column("check_ins DESC"), "reached_at", "user_id"],
        unique=False,
    )
    op.create_table(
        "team_home_playgrounds",
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("playground_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["playground_id"],
            ["playgrounds.id"],
            name=op.f("fk_team_home_playgrounds_playground_id_playgrounds"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_team_home_playgrounds_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("team_id", "playground_id", name=op.f("pk_team_home_playgrounds")),
    )
    op.create_index(
        op.f("ix_team_home_playgrounds_playground_id"),
        "team_home_playgrounds",
        ["playground_id"],
        unique=False,
    )


def downgrade() -> None:
    for table in (
        "team_home_playgrounds",
        "playground_visitors",
        "playground_sports",
        "playground_reviews",
        "playground_court_wins",
        "playground_court_standings",
        "playground_condition_reports",
        "playground_check_ins",
        "playgrounds",
    ):
        op.drop_table(table)
