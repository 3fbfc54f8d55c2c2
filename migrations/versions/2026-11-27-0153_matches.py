"""Matches: challenges, matches, lineups, reports, protocol, ratings, player stats, team results.

Also the foreign key from playground_court_wins.match_id, which had to wait for matches.

Revision ID: 0010_matches
Revises: 0009_economy
Create Date: 2026-11-27 01:53:28.720515+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010_matches"
down_revision: str | None = "0009_economy"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "skill_ratings",
        sa.Column(
            "subject_kind",
            sa.Enum("TEAM", "PLAYER", name="skill_subject_kind", native_enum=False, length=8),
            nullable=False,
        ),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("sport_id", sa.Uuid(), nullable=False),
        sa.Column("mu", sa.Double(), nullable=False),
        sa.Column("sigma", sa.Double(), nullable=False),
        sa.Column("ordinal", sa.Double(), nullable=False),
        sa.Column("matches", sa.Integer(), server_default="0", nullable=False),
        sa.Column("updated_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["sport_id"], ["sports.id"], name=op.f("fk_skill_ratings_sport_id_sports")
        ),
        sa.PrimaryKeyConstraint(
            "subject_kind", "subject_id", "sport_id", name=op.f("pk_skill_ratings")
        ),
    )
    op.create_table(
        "matches",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("sport_id", sa.Uuid(), nullable=False),
        sa.Column("home_team_id", sa.Uuid(), nullable=False),
        sa.Column("away_team_id", sa.Uuid(), nullable=False),
        sa.Column("playground_id", sa.Uuid(), nullable=True),
        sa.Column("tournament_id", sa.Uuid(), nullable=True),
        sa.Column("scheduled_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "SCHEDULED",
                "LIVE",
                "AWAITING_CONFIRMATION",
                "CONFIRMED",
                "DISPUTED",
                "CANCELLED",
                name="match_status",
                native_enum=False,
                length=24,
            ),
            server_default="SCHEDULED",
            nullable=False,
        ),
        sa.Column("started_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("finished_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("reminded_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("confirm_by", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("confirmed_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("home_score", sa.Integer(), nullable=True),
        sa.Column("away_score", sa.Integer(), nullable=True),
        sa.Column("winner_team_id", sa.Uuid(), nullable=True),
        sa.Column(
            "result_kind",
            sa.Enum(
                "AGREED",
                "AUTO_CONFIRMED",
                "RESOLVED",
                "TECHNICAL",
                name="match_result_kind",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("technical_reason", sa.Text(), nullable=True),
        sa.Column("cancelled_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("cancelled_by_id", sa.Uuid(), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.Column("disputed_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("disputed_by_id", sa.Uuid(), nullable=True),
        sa.Column("dispute_reason", sa.Text(), nullable=True),
        sa.Column(
            "dispute_evidence_urls", sa.ARRAY(sa.Text()), server_default="{}", nullable=False
        ),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("resolved_by_id", sa.Uuid(), nullable=True),
        sa.Column("event_count", sa.Integer(), server_default="0", nullable=False),
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
        sa.CheckConstraint("home_team_id <> away_team_id", name=op.f("ck_matches_two_teams")),
        sa.ForeignKeyConstraint(
            ["away_team_id"], ["teams.id"], name=op.f("fk_matches_away_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["cancelled_by_id"], ["users.id"], name=op.f("fk_matches_cancelled_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["disputed_by_id"], ["users.id"], name=op.f("fk_matches_disputed_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["home_team_id"], ["teams.id"], name=op.f("fk_matches_home_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["playground_id"], ["playgrounds.id"], name=op.f("fk_matches_playground_id_playgrounds")
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"], ["users.id"], name=op.f("fk_matches_resolved_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["sport_id"], ["sports.id"], name=op.f("fk_matches_sport_id_sports")
        ),
        sa.ForeignKeyConstraint(
            ["winner_team_id"], ["teams.id"], name=op.f("fk_matches_winner_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matches")),
    )
    op.create_index(
        "ix_matches_away_team", "matches", ["away_team_id", "scheduled_at"], unique=False
    )
    op.create_index(
        "ix_matches_confirm_by",
        "matches",
        ["confirm_by"],
        unique=False,
        postgresql_where=sa.text("status = 'AWAITING_CONFIRMATION'"),
    )
    op.create_index(
        "ix_matches_reminder_due",
        "matches",
        ["scheduled_at"],
        unique=False,
        postgresql_where=sa.text("status = 'SCHEDULED' AND reminded_at IS NULL"),
    )
    op.create_index(
        "ix_matches_home_team", "matches", ["home_team_id", "scheduled_at"], unique=False
    )
    op.create_index(
        "ix_matches_playground", "matches", ["playground_id", "scheduled_at"], unique=False
    )
    op.create_index("ix_matches_scheduled", "matches", ["scheduled_at", "id"], unique=False)
    op.create_index(op.f("ix_matches_tournament_id"), "matches", ["tournament_id"], unique=False)
    op.create_table(
        "match_challenges",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("from_team_id", sa.Uuid(), nullable=False),
        sa.Column("to_team_id", sa.Uuid(), nullable=False),
        sa.Column("sport_id", sa.Uuid(), nullable=False),
        sa.Column("playground_id", sa.Uuid(), nullable=False),
        sa.Column("proposed_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "ACCEPTED",
                "DECLINED",
                name="match_challenge_status",
                native_enum=False,
                length=16,
            ),
            server_default="PENDING",
            nullable=False,
        ),
        sa.Column("awaiting_team_id", sa.Uuid(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=False),
        sa.Column("answered_by_id", sa.Uuid(), nullable=True),
        sa.Column("match_id", sa.Uuid(), nullable=True),
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
            "from_team_id <> to_team_id", name=op.f("ck_match_challenges_two_teams")
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_id"], ["users.id"], name=op.f("fk_match_challenges_answered_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["awaiting_team_id"],
            ["teams.id"],
            name=op.f("fk_match_challenges_awaiting_team_id_teams"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_match_challenges_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["from_team_id"], ["teams.id"], name=op.f("fk_match_challenges_from_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_match_challenges_match_id_matches")
        ),
        sa.ForeignKeyConstraint(
            ["playground_id"],
            ["playgrounds.id"],
            name=op.f("fk_match_challenges_playground_id_playgrounds"),
        ),
        sa.ForeignKeyConstraint(
            ["sport_id"], ["sports.id"], name=op.f("fk_match_challenges_sport_id_sports")
        ),
        sa.ForeignKeyConstraint(
            ["to_team_id"], ["teams.id"], name=op.f("fk_match_challenges_to_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_challenges")),
    )
    op.create_index(
        "ix_match_challenges_from",
        "match_challenges",
        ["from_team_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_match_challenges_to",
        "match_challenges",
        ["to_team_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "uq_match_challenges_pending_pair",
        "match_challenges",
        [
            sa.literal_column("least(from_team_id, to_team_id)"),
            sa.literal_column("greatest(from_team_id, to_team_id)"),
        ],
        unique=True,
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.create_table(
        "match_events",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "GOAL",
                "ASSIST",
                "YELLOW_CARD",
                "RED_CARD",
                "SUBSTITUTION",
                "SHOT",
                "SHOT_ON_TARGET",
                "CORNER",
                "FOUL",
                "KILL",
                "DEATH",
                "ASSIST_ESPORTS",
                "BOMB_PLANTED",
                "BOMB_DEFUSED",
                "ROUND_WIN",
                "ROUND_LOSS",
                "OTHER",
                name="match_event_type",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("minute", sa.SmallInteger(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("player_id", sa.Uuid(), nullable=True),
        sa.Column("related_player_id", sa.Uuid(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("minute BETWEEN 0 AND 999", name=op.f("ck_match_events_minute_range")),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_match_events_match_id_matches")
        ),
        sa.ForeignKeyConstraint(
            ["player_id"], ["users.id"], name=op.f("fk_match_events_player_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_match_events_recorded_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["related_player_id"],
            ["users.id"],
            name=op.f("fk_match_events_related_player_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_match_events_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_events")),
    )
    op.create_index("uq_match_events_number", "match_events", ["match_id", "number"], unique=True)
    op.create_table(
        "match_lineups",
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_match_lineups_match_id_matches")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_match_lineups_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_match_lineups_user_id_users")
        ),
        sa.PrimaryKeyConstraint("match_id", "user_id", name=op.f("pk_match_lineups")),
    )
    op.create_index("ix_match_lineups_team", "match_lineups", ["match_id", "team_id"], unique=False)
    op.create_index(op.f("ix_match_lineups_user_id"), "match_lineups", ["user_id"], unique=False)
    op.create_table(
        "match_player_stats",
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("sport_id", sa.Uuid(), nullable=False),
        sa.Column("result", sa.String(length=4), nullable=False),
        sa.Column("goals", sa.SmallInteger(), nullable=False),
        sa.Column("assists", sa.SmallInteger(), nullable=False),
        sa.Column("yellow_cards", sa.SmallInteger(), nullable=False),
        sa.Column("red_cards", sa.SmallInteger(), nullable=False),
        sa.Column("kills", sa.SmallInteger(), nullable=False),
        sa.Column("deaths", sa.SmallInteger(), nullable=False),
        sa.Column("recorded_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_match_player_stats_match_id_matches")
        ),
        sa.ForeignKeyConstraint(
            ["sport_id"], ["sports.id"], name=op.f("fk_match_player_stats_sport_id_sports")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_match_player_stats_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_match_player_stats_user_id_users")
        ),
        sa.PrimaryKeyConstraint("match_id", "user_id", name=op.f("pk_match_player_stats")),
    )
    op.create_index(
        "ix_match_player_stats_user_sport",
        "match_player_stats",
        ["user_id", "sport_id"],
        unique=False,
    )
    op.create_table(
        "match_reports",
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("home_score", sa.Integer(), nullable=False),
        sa.Column("away_score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("reported_by_id", sa.Uuid(), nullable=False),
        sa.Column("reported_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_match_reports_match_id_matches")
        ),
        sa.ForeignKeyConstraint(
            ["reported_by_id"], ["users.id"], name=op.f("fk_match_reports_reported_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_match_reports_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("match_id", "team_id", name=op.f("pk_match_reports")),
    )
    op.create_table(
        "skill_rating_changes",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column(
            "subject_kind",
            sa.Enum("TEAM", "PLAYER", name="skill_subject_kind", native_enum=False, length=8),
            nullable=False,
        ),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("sport_id", sa.Uuid(), nullable=False),
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column("mu_before", sa.Double(), nullable=False),
        sa.Column("sigma_before", sa.Double(), nullable=False),
        sa.Column("ordinal_before", sa.Double(), nullable=False),
        sa.Column("mu", sa.Double(), nullable=False),
        sa.Column("sigma", sa.Double(), nullable=False),
        sa.Column("ordinal", sa.Double(), nullable=False),
        sa.Column("recorded_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_skill_rating_changes_match_id_matches")
        ),
        sa.ForeignKeyConstraint(
            ["sport_id"], ["sports.id"], name=op.f("fk_skill_rating_changes_sport_id_sports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skill_rating_changes")),
    )
    op.create_index(
        "ix_skill_rating_changes_history",
        "skill_rating_changes",
        [
            "subject_kind",
            "subject_id",
            "sport_id",
            sa.literal_column("recorded_at DESC"),
            sa.literal_column("id DESC"),
        ],
        unique=False,
    )
    op.create_index(
        "uq_skill_rating_changes_match",
        "skill_rating_changes",
        ["match_id", "subject_kind", "subject_id"],
        unique=True,
    )
    op.create_table(
        "team_results",
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column(
            "result",
            sa.Enum("WIN", "DRAW", "LOSS", name="form_result", native_enum=False),
            nullable=False,
        ),
        sa.Column("played_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column(
            "recorded_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_team_results_match_id_matches")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_team_results_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("team_id", "match_id", name=op.f("pk_team_results")),
    )
    op.create_index(
        "ix_team_results_latest",
        "team_results",
        ["team_id", sa.literal_column("played_at DESC")],
        unique=False,
    )
    op.create_foreign_key(
        op.f("fk_playground_court_wins_match_id_matches"),
        "playground_court_wins",
        "matches",
        ["match_id"],
        ["id"],
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("fk_playground_court_wins_match_id_matches"),
        "playground_court_wins",
        type_="foreignkey",
    )
    for table in (
        "team_results",
        "skill_rating_changes",
        "match_reports",
        "match_player_stats",
        "match_lineups",
        "match_events",
        "match_challenges",
        "matches",
        "skill_ratings",
    ):
        op.drop_table(table)
