"""Social graph, feed and moderation: friend requests, friendships (both directions), follows;
activities with likes and comments; user reports and the moderators' audit trail.

Revision ID: 0014_social
Revises: 0013_tournaments
Create Date: 2026-11-27 05:57:49.372066+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0014_social"
down_revision: str | None = "0013_tournaments"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "follows",
        sa.Column("follower_id", sa.Uuid(), nullable=False),
        sa.Column(
            "target",
            sa.Enum(
                "USER", "TEAM", "PLAYGROUND", name="follow_target", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("target_id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["follower_id"],
            ["users.id"],
            name=op.f("fk_follows_follower_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("follower_id", "target", "target_id", name=op.f("pk_follows")),
    )
    op.create_index(
        "ix_follows_follower_created",
        "follows",
        ["follower_id", "target", "created_at", "target_id"],
        unique=False,
    )
    op.create_index(
        "ix_follows_target", "follows", ["target", "target_id", "created_at"], unique=False
    )
    op.create_table(
        "friend_requests",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("from_user_id", sa.Uuid(), nullable=False),
        sa.Column("to_user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "ACCEPTED",
                "DECLINED",
                "CANCELLED",
                name="friend_request_status",
                native_enum=False,
                length=16,
            ),
            server_default="PENDING",
            nullable=False,
        ),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("decided_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.CheckConstraint(
            "from_user_id <> to_user_id", name=op.f("ck_friend_requests_not_to_self")
        ),
        sa.ForeignKeyConstraint(
            ["from_user_id"],
            ["users.id"],
            name=op.f("fk_friend_requests_from_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_user_id"],
            ["users.id"],
            name=op.f("fk_friend_requests_to_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_friend_requests")),
    )
    op.create_index(
        "ix_friend_requests_from_status",
        "friend_requests",
        ["from_user_id", "status", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_friend_requests_to_status",
        "friend_requests",
        ["to_user_id", "status", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "uq_friend_requests_pending_pair",
        "friend_requests",
        [
            sa.literal_column("least(from_user_id, to_user_id)"),
            sa.literal_column("greatest(from_user_id, to_user_id)"),
        ],
        unique=True,
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.create_table(
        "friendships",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("friend_id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("user_id <> friend_id", name=op.f("ck_friendships_not_self")),
        sa.ForeignKeyConstraint(
            ["friend_id"],
            ["users.id"],
            name=op.f("fk_friendships_friend_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_friendships_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "friend_id", name=op.f("pk_friendships")),
    )
    op.create_index(op.f("ix_friendships_friend_id"), "friendships", ["friend_id"], unique=False)
    op.create_table(
        "user_reports",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("reporter_id", sa.Uuid(), nullable=False),
        sa.Column("reported_user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "ABUSE",
                "CHEATING",
                "SPAM",
                "UNSPORTSMANLIKE",
                "OTHER",
                name="report_category",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("evidence_urls", sa.ARRAY(sa.Text()), server_default="{}", nullable=False),
        sa.Column(
            "status",
            sa.Enum("PENDING", "RESOLVED", name="report_status", native_enum=False, length=16),
            server_default="PENDING",
            nullable=False,
        ),
        sa.Column(
            "action",
            sa.Enum(
                "NO_ACTION",
                "WARN",
                "TEMP_BAN",
                "PERM_BAN",
                name="moderation_action",
                native_enum=False,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column("resolver_id", sa.Uuid(), nullable=True),
        sa.Column("resolution_note", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("resolved_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.CheckConstraint(
            "reporter_id <> reported_user_id", name=op.f("ck_user_reports_not_self")
        ),
        sa.ForeignKeyConstraint(
            ["reported_user_id"],
            ["users.id"],
            name=op.f("fk_user_reports_reported_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"],
            ["users.id"],
            name=op.f("fk_user_reports_reporter_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolver_id"], ["users.id"], name=op.f("fk_user_reports_resolver_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_reports")),
    )
    op.create_index(
        "ix_user_reports_queue", "user_reports", ["status", "created_at", "id"], unique=False
    )
    op.create_index(
        op.f("ix_user_reports_reported_user_id"), "user_reports", ["reported_user_id"], unique=False
    )
    op.create_index(
        "uq_user_reports_pending_pair",
        "user_reports",
        ["reporter_id", "reported_user_id"],
        unique=True,
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "STATUS_POSTED",
                "MATCH_PLAYED",
                "TEAM_JOINED",
                "TOURNAMENT_REGISTERED",
                "ACHIEVEMENT_UNLOCKED",
                "PLAYGROUND_CHECK_IN",
                name="activity_type",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("playground_id", sa.Uuid(), nullable=True),
        sa.Column("subject_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column(
            "data", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False
        ),
        sa.Column("source_key", sa.String(length=200), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["playground_id"],
            ["playgrounds.id"],
            name=op.f("fk_activities_playground_id_playgrounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_activities_team_id_teams"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_activities_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
        sa.UniqueConstraint("source_key", name=op.f("uq_activities_source_key")),
    )
    op.create_index(
        "ix_activities_team_feed",
        "activities",
        ["team_id", sa.literal_column("created_at DESC"), sa.literal_column("id DESC")],
        unique=False,
        postgresql_where=sa.text("team_id IS NOT NULL"),
    )
    op.create_index(
        "ix_activities_user_feed",
        "activities",
        ["user_id", sa.literal_column("created_at DESC"), sa.literal_column("id DESC")],
        unique=False,
    )
    op.create_table(
        "moderation_log",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("moderator_id", sa.Uuid(), nullable=False),
        sa.Column("target_user_id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=True),
        sa.Column(
            "action",
            sa.Enum(
                "NO_ACTION",
                "WARN",
                "TEMP_BAN",
                "PERM_BAN",
                name="moderation_action",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("ban_days", sa.SmallInteger(), nullable=True),
        sa.Column("banned_until", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["moderator_id"], ["users.id"], name=op.f("fk_moderation_log_moderator_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["user_reports.id"],
            name=op.f("fk_moderation_log_report_id_user_reports"),
        ),
        sa.ForeignKeyConstraint(
            ["target_user_id"], ["users.id"], name=op.f("fk_moderation_log_target_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_log")),
    )
    op.create_index(
        "ix_moderation_log_created", "moderation_log", ["created_at", "id"], unique=False
    )
    op.create_index(
        op.f("ix_moderation_log_target_user_id"), "moderation_log", ["target_user_id"], unique=False
    )
    op.create_table(
        "activity_comments",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("activity_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("edited_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_comments_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_activity_comments_author_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_comments")),
    )
    op.create_index(
        "ix_activity_comments_activity",
        "activity_comments",
        ["activity_id", "created_at", "id"],
        unique=False,
    )
    op.create_table(
        "activity_likes",
        sa.Column("activity_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_likes_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_activity_likes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", "user_id", name=op.f("pk_activity_likes")),
    )


def downgrade() -> None:
    op.drop_table("activity_likes")
    op.drop_index("ix_activity_comments_activity", table_name="activity_comments")
    op.drop_table("activity_comments")
    op.drop_index(op.f("ix_moderation_log_target_user_id"), table_name="moderation_log")
    op.drop_index("ix_moderation_log_created", table_name="moderation_log")
    op.drop_table("moderation_log")
    op.drop_index("ix_activities_user_feed", table_name="activities")
    op.drop_index(
        "ix_activities_team_feed",
        table_name="activities",
        postgresql_where=sa.text("team_id IS NOT NULL"),
    )
    op.drop_table("activities")
    op.drop_index(
        "uq_user_reports_pending_pair",
        table_name="user_reports",
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.drop_index(op.f("ix_user_reports_reported_user_id"), table_name="user_reports")
    op.drop_index("ix_user_reports_queue", table_name="user_reports")
    op.drop_table("user_reports")
    op.drop_index(op.f("ix_friendships_friend_id"), table_name="friendships")
    op.drop_table("friendships")
    op.drop_index(
        "uq_friend_requests_pending_pair",
        table_name="friend_requests",
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.drop_index("ix_friend_requests_to_status", table_name="friend_requests")
    op.drop_index("ix_friend_requests_from_status", table_name="friend_requests")
    op.drop_table("friend_requests")
    op.drop_index("ix_follows_target", table_name="follows")
    op.drop_index("ix_follows_follower_created", table_name="follows")
    op.drop_table("follows")
