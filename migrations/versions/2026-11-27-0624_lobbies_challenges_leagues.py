"""LFG lobbies and participants, personal challenges, leagues (seasons, divisions, standings,
fixtures linking matches to divisions).

Revision ID: 0015_play
Revises: 0014_social
Create Date: 2026-11-27 06:24:30+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0015_play"
down_revision: str | None = "0014_social"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "leagues",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("sport_id", sa.Uuid(), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("organizer_id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["organizer_id"], ["users.id"], name=op.f("fk_leagues_organizer_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["sport_id"], ["sports.id"], name=op.f("fk_leagues_sport_id_sports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leagues")),
    )
    op.create_index(
        "ix_leagues_sport_city", "leagues", ["sport_id", "city", "created_at", "id"], unique=False
    )
    op.create_table(
        "personal_challenges",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("creator_id", sa.Uuid(), nullable=False),
        sa.Column("opponent_id", sa.Uuid(), nullable=False),
        sa.Column("sport_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=50), nullable=False),
        sa.Column("wager", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "DECLINED",
                "CANCELLED",
                "ACCEPTED",
                "AWAITING_CONFIRMATION",
                "DISPUTED",
                "SETTLED",
                name="personal_challenge_status",
                native_enum=False,
                length=24,
            ),
            server_default="PENDING",
            nullable=False,
        ),
        sa.Column(
            "creator_report",
            sa.Enum("WIN", "LOSS", "DRAW", name="challenge_outcome", native_enum=False, length=24),
            nullable=True,
        ),
        sa.Column(
            "opponent_report",
            sa.Enum("WIN", "LOSS", "DRAW", name="challenge_outcome", native_enum=False, length=24),
            nullable=True,
        ),
        sa.Column(
            "verdict",
            sa.Enum(
                "CREATOR_WON",
                "OPPONENT_WON",
                "DRAW",
                name="challenge_verdict",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("resolved_by_id", sa.Uuid(), nullable=True),
        sa.Column("accepted_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("confirm_by", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("settled_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
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
            "creator_id <> opponent_id", name=op.f("ck_personal_challenges_two_people")
        ),
        sa.CheckConstraint(
            "wager BETWEEN 0 AND 10000", name=op.f("ck_personal_challenges_wager_range")
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"], ["users.id"], name=op.f("fk_personal_challenges_creator_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["opponent_id"], ["users.id"], name=op.f("fk_personal_challenges_opponent_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["users.id"],
            name=op.f("fk_personal_challenges_resolved_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["sport_id"], ["sports.id"], name=op.f("fk_personal_challenges_sport_id_sports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personal_challenges")),
    )
    op.create_index(
        "ix_personal_challenges_creator",
        "personal_challenges",
        ["creator_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_personal_challenges_opponent",
        "personal_challenges",
        ["opponent_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_personal_challenges_confirm_by",
        "personal_challenges",
        ["confirm_by"],
        unique=False,
        postgresql_where=sa.text("status = 'AWAITING_CONFIRMATION'"),
    )
    op.create_table(
        "league_seasons",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("league_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["league_id"], ["leagues.id"], name=op.f("fk_league_seasons_league_id_leagues")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_league_seasons")),
    )
    op.create_index(
        op.f("ix_league_seasons_league_id"), "league_seasons", ["league_id"], unique=False
    )
    op.create_table(
        "lfg_lobbies",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("GAME", "TRAINING", name="lobby_kind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("sport_id", sa.Uuid(), nullable=False),
        sa.Column("playground_id", sa.Uuid(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("latitude", sa.Double(), nullable=False),
        sa.Column("longitude", sa.Double(), nullable=False),
        sa.Column("starts_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("ends_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("duration_minutes", sa.SmallInteger(), nullable=False),
        sa.Column("players_needed", sa.SmallInteger(), nullable=False),
        sa.Column(
            "participant_count", sa.SmallInteger(), server_default=sa.text("1"), nullable=False
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("creator_id", sa.Uuid(), nullable=False),
        sa.Column("cancelled_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "duration_minutes BETWEEN 30 AND 240", name=op.f("ck_lfg_lobbies_duration_range")
        ),
        sa.CheckConstraint(
            "participant_count BETWEEN 0 AND players_needed",
            name=op.f("ck_lfg_lobbies_participants_within_need"),
        ),
        sa.CheckConstraint(
            "players_needed BETWEEN 2 AND 22", name=op.f("ck_lfg_lobbies_players_needed_range")
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"], ["users.id"], name=op.f("fk_lfg_lobbies_creator_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["playground_id"],
            ["playgrounds.id"],
            name=op.f("fk_lfg_lobbies_playground_id_playgrounds"),
        ),
        sa.ForeignKeyConstraint(
            ["sport_id"], ["sports.id"], name=op.f("fk_lfg_lobbies_sport_id_sports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lfg_lobbies")),
    )
    op.create_index(
        "ix_lfg_lobbies_sport_starts", "lfg_lobbies", ["sport_id", "starts_at", "id"], unique=False
    )
    op.create_index("ix_lfg_lobbies_starts", "lfg_lobbies", ["starts_at", "id"], unique=False)
    op.create_table(
        "league_divisions",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("season_id", sa.Uuid(), nullable=False),
        sa.Column("league_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["league_id"], ["leagues.id"], name=op.f("fk_league_divisions_league_id_leagues")
        ),
        sa.ForeignKeyConstraint(
            ["season_id"],
            ["league_seasons.id"],
            name=op.f("fk_league_divisions_season_id_league_seasons"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_league_divisions")),
    )
    op.create_index(
        op.f("ix_league_divisions_season_id"), "league_divisions", ["season_id"], unique=False
    )
    op.create_table(
        "lfg_lobby_participants",
        sa.Column("lobby_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "joined_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["lobby_id"],
            ["lfg_lobbies.id"],
            name=op.f("fk_lfg_lobby_participants_lobby_id_lfg_lobbies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_lfg_lobby_participants_user_id_users")
        ),
        sa.PrimaryKeyConstraint("lobby_id", "user_id", name=op.f("pk_lfg_lobby_participants")),
    )
    op.create_index(
        "ix_lfg_lobby_participants_user", "lfg_lobby_participants", ["user_id"], unique=False
    )
    op.create_table(
        "league_division_teams",
        sa.Column("division_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("season_id", sa.Uuid(), nullable=False),
        sa.Column("played", sa.Integer(), server_default="0", nullable=False),
        sa.Column("wins", sa.Integer(), server_default="0", nullable=False),
        sa.Column("draws", sa.Integer(), server_default="0", nullable=False),
        sa.Column("losses", sa.Integer(), server_default="0", nullable=False),
        sa.Column("goals_for", sa.Integer(), server_default="0", nullable=False),
        sa.Column("goals_against", sa.Integer(), server_default="0", nullable=False),
        sa.Column("points", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "entered_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["league_divisions.id"],
            name=op.f("fk_league_division_teams_division_id_league_divisions"),
        ),
        sa.ForeignKeyConstraint(
            ["season_id"],
            ["league_seasons.id"],
            name=op.f("fk_league_division_teams_season_id_league_seasons"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_league_division_teams_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("division_id", "team_id", name=op.f("pk_league_division_teams")),
        sa.UniqueConstraint(
            "season_id", "team_id", name=op.f("uq_league_division_teams_season_id_team_id")
        ),
    )
    op.create_table(
        "league_fixtures",
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column("division_id", sa.Uuid(), nullable=False),
        sa.Column("added_by_id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("applied_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["added_by_id"], ["users.id"], name=op.f("fk_league_fixtures_added_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["league_divisions.id"],
            name=op.f("fk_league_fixtures_division_id_league_divisions"),
        ),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_league_fixtures_match_id_matches")
        ),
        sa.PrimaryKeyConstraint("match_id", name=op.f("pk_league_fixtures")),
    )
    op.create_index(
        op.f("ix_league_fixtures_division_id"), "league_fixtures", ["division_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_league_fixtures_division_id"), table_name="league_fixtures")
    op.drop_table("league_fixtures")
    op.drop_table("league_division_teams")
    op.drop_index("ix_lfg_lobby_participants_user", table_name="lfg_lobby_participants")
    op.drop_table("lfg_lobby_participants")
    op.drop_index(op.f("ix_league_divisions_season_id"), table_name="league_divisions")
    op.drop_table("league_divisions")
    op.drop_index("ix_lfg_lobbies_starts", table_name="lfg_lobbies")
    op.drop_index("ix_lfg_lobbies_sport_starts", table_name="lfg_lobbies")
    op.drop_table("lfg_lobbies")
    op.drop_index(op.f("ix_league_seasons_league_id"), table_name="league_seasons")
    op.drop_table("league_seasons")
    op.drop_index("ix_personal_challenges_confirm_by", table_name="personal_challenges")
    op.drop_index("ix_personal_challenges_opponent", table_name="personal_challenges")
    op.drop_index("ix_personal_challenges_creator", table_name="personal_challenges")
    op.drop_table("personal_challenges")
    op.drop_index("ix_leagues_sport_city", table_name="leagues")
    op.drop_table("leagues")
