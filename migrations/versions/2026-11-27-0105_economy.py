"""Economy: PD ledger, rules, XP and ranks, quests, achievements, store, counted activities.

Creates the five system accounts, the 11 ranks and the default earning rules (the rules are
then the administrators'; quests, achievements and store items come from ``prodvor seed``).
Ledger transfers and XP entries are made immutable by a trigger.

Revision ID: 0009_economy
Revises: 0007_chat
Create Date: 2026-11-27 01:05:30.755828+00:00
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009_economy"
down_revision: str | None = "0007_chat"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMPTZ = postgresql.TIMESTAMP(timezone=True)

SYSTEM_ACCOUNTS = {
    "REWARDS": "8074fdec-1fe8-5910-8355-a7d690817122",
    "STORE": "00ea705a-79d6-587d-8cac-3a5b3543a1c4",
    "FEES": "6fb17dc7-cf8d-505b-a5dc-3674759a2d10",
    "ESCROW": "fa95e0da-b4fe-5397-8bad-429bb8990b8e",
    "ADJUSTMENTS": "1ef8145e-901a-57fd-a177-17029d83ec6b",
}
"""``SystemAccount(code).account_id``: uuid5 of the code in the economy's namespace."""

RANKS = [
    (1, "Возьмите меня", "Только встал с дивана (и уже жалею)", 0),
    (2, "Уже бегу", None, 101),
    (3, "Упорный", None, 501),
    (4, "Уличный боец", None, 1001),
    (5, "Кто ты, воин?", None, 2501),
    (6, "Гроза района", None, 3001),
    (7, "Первый среди равных", None, 4001),
    (8, "Познавший дзен", None, 6001),
    (9, "Неоспоримый", None, 8001),
    (10, "Первый после бога", None, 9001),
    (11, "Анигилятор", None, 10000),
]

# (code, activity, description, pd, xp, daily cap, repeatable)
RULES = [
    ("REGISTRATION", "user.registered", "Регистрация на платформе", 50, 0, None, False),
    ("PROFILE_COMPLETION", "user.profile_completed", "Заполнение профиля", 100, 0, None, False),
    ("CREATE_TEAM", "team.created", "Создание команды", 150, 100, None, False),
    ("FIRST_MATCH", "match.played", "Первый сыгранный матч", 25, 0, None, False),
    ("MATCH_PLAYED", "match.played", "Участие в матче", 0, 50, None, True),
    ("WIN_MATCH", "match.won", "Победа в матче", 50, 100, None, True),
    ("JOIN_TOURNAMENT", "tournament.registered", "Участие в турнире", 200, 250, None, True),
    ("PLAYGROUND_APPROVED", "playground.approved", "Добавление площадки", 300, 300, None, True),
    ("FRIEND_INVITED", "friend.invited", "Приглашение друга", 10, 0, 40, True),
]

IMMUTABLE = ("ledger_transfers", "xp_entries")


def upgrade() -> None:
    op.create_table(
        "achievements",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("icon", sa.String(length=40), nullable=False),
        sa.Column(
            "rarity",
            sa.Enum(
                "COMMON", "RARE", "EPIC", name="achievement_rarity", native_enum=False, length=16
            ),
            server_default="COMMON",
            nullable=False,
        ),
        sa.Column("activities", sa.ARRAY(sa.String(length=60)), nullable=False),
        sa.Column(
            "filters", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False
        ),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("sort_order", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("threshold > 0", name=op.f("ck_achievements_threshold_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_achievements")),
        sa.UniqueConstraint("code", name=op.f("uq_achievements_code")),
    )
    op.create_table(
        "quests",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "DAILY",
                "WEEKLY",
                "SPECIAL",
                "EVENT",
                name="quest_type",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("href", sa.String(length=200), nullable=True),
        sa.Column("activities", sa.ARRAY(sa.String(length=60)), nullable=False),
        sa.Column(
            "filters", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False
        ),
        sa.Column("goal", sa.Integer(), nullable=False),
        sa.Column("reward_pd", sa.Integer(), nullable=False),
        sa.Column("reward_xp", sa.Integer(), nullable=False),
        sa.Column("starts_at", TIMESTAMPTZ, nullable=True),
        sa.Column("ends_at", TIMESTAMPTZ, nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("sort_order", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at",
            name=op.f("ck_quests_window"),
        ),
        sa.CheckConstraint("goal > 0", name=op.f("ck_quests_goal_positive")),
        sa.CheckConstraint(
            "reward_pd >= 0 AND reward_xp >= 0", name=op.f("ck_quests_rewards_not_negative")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quests")),
        sa.UniqueConstraint("code", name=op.f("uq_quests_code")),
    )
    op.create_table(
        "ranks",
        sa.Column("level", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("title", sa.String(length=60), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("min_xp", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("level", name=op.f("pk_ranks")),
        sa.UniqueConstraint("min_xp", name=op.f("uq_ranks_min_xp")),
    )
    op.create_table(
        "store_items",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "COSMETIC",
                "BOOSTER",
                "PRO_STATUS",
                "NICKNAME_CHANGE",
                "CONSUMABLE_PACK",
                "CURRENCY_PACK",
                name="store_item_type",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("price_pd", sa.Integer(), nullable=True),
        sa.Column("money_price", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("money_currency", sa.String(length=3), nullable=True),
        sa.Column("duration_days", sa.Integer(), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("xp_multiplier", sa.Integer(), server_default="1", nullable=False),
        sa.Column("pd_multiplier", sa.Integer(), server_default="1", nullable=False),
        sa.Column("purchase_cooldown_days", sa.Integer(), nullable=True),
        sa.Column("image_url", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("sort_order", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "(type = 'CONSUMABLE_PACK') = (quantity IS NOT NULL)",
            name=op.f("ck_store_items_quantity"),
        ),
        sa.CheckConstraint(
            "(type IN ('BOOSTER', 'PRO_STATUS')) = (duration_days IS NOT NULL)",
            name=op.f("ck_store_items_duration"),
        ),
        sa.CheckConstraint(
            "(price_pd IS NULL) <> (money_price IS NULL) "
            "AND (money_price IS NULL) = (money_currency IS NULL)",
            name=op.f("ck_store_items_one_price"),
        ),
        sa.CheckConstraint(
            "price_pd IS NULL OR price_pd > 0", name=op.f("ck_store_items_price_positive")
        ),
        sa.CheckConstraint(
            "xp_multiplier >= 1 AND pd_multiplier >= 1", name=op.f("ck_store_items_multipliers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_items")),
        sa.UniqueConstraint("code", name=op.f("uq_store_items_code")),
    )
    op.create_table(
        "counted_activities",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("activity", sa.String(length=60), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("occurred_at", TIMESTAMPTZ, nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_counted_activities_user_id_users")
        ),
        sa.PrimaryKeyConstraint(
            "user_id", "activity", "source", name=op.f("pk_counted_activities")
        ),
    )
    op.create_table(
        "economy_rules",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("activity", sa.String(length=60), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("pd", sa.Integer(), nullable=False),
        sa.Column("xp", sa.Integer(), nullable=False),
        sa.Column("daily_cap", sa.Integer(), nullable=True),
        sa.Column("repeatable", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("updated_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_by_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "daily_cap IS NULL OR daily_cap > 0", name=op.f("ck_economy_rules_daily_cap_positive")
        ),
        sa.CheckConstraint(
            "pd >= 0 AND xp >= 0", name=op.f("ck_economy_rules_rewards_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_economy_rules_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_economy_rules")),
    )
    op.create_index(op.f("ix_economy_rules_activity"), "economy_rules", ["activity"], unique=False)
    op.create_table(
        "quest_progress",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("quest_id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("completed_at", TIMESTAMPTZ, nullable=True),
        sa.Column("claimed_at", TIMESTAMPTZ, nullable=True),
        sa.ForeignKeyConstraint(
            ["quest_id"], ["quests.id"], name=op.f("fk_quest_progress_quest_id_quests")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_quest_progress_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", "quest_id", "period", name=op.f("pk_quest_progress")),
    )
    op.create_table(
        "user_achievements",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("achievement_id", sa.Uuid(), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("unlocked_at", TIMESTAMPTZ, nullable=True),
        sa.ForeignKeyConstraint(
            ["achievement_id"],
            ["achievements.id"],
            name=op.f("fk_user_achievements_achievement_id_achievements"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_achievements_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", "achievement_id", name=op.f("pk_user_achievements")),
    )
    op.create_table(
        "user_progress",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("xp", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("city_key", sa.String(length=100), nullable=True),
        sa.Column("updated_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("xp >= 0", name=op.f("ck_user_progress_xp_not_negative")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_progress_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_progress")),
    )
    op.create_index(
        "ix_user_progress_city_leaderboard",
        "user_progress",
        ["city_key", sa.literal_column("xp DESC"), sa.literal_column("user_id DESC")],
        unique=False,
        postgresql_where=sa.text("city_key IS NOT NULL"),
    )
    op.create_index(
        "ix_user_progress_leaderboard",
        "user_progress",
        [sa.literal_column("xp DESC"), sa.literal_column("user_id DESC")],
        unique=False,
    )
    op.create_table(
        "xp_entries",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=100), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_xp_entries_amount_positive")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_xp_entries_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_xp_entries")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_xp_entries_idempotency_key")),
    )
    op.create_index("ix_xp_entries_user", "xp_entries", ["user_id", "created_at"], unique=False)
    op.create_table(
        "ledger_accounts",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("USER", "TEAM", "SYSTEM", name="account_kind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column(
            "code",
            sa.Enum(
                "REWARDS",
                "STORE",
                "FEES",
                "ESCROW",
                "ADJUSTMENTS",
                name="system_account",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("balance", sa.BigInteger(), nullable=True),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(kind = 'USER') = (user_id IS NOT NULL) "
            "AND (kind = 'TEAM') = (team_id IS NOT NULL) "
            "AND (kind = 'SYSTEM') = (code IS NOT NULL) "
            "AND (kind = 'SYSTEM') = (balance IS NULL)",
            name=op.f("ck_ledger_accounts_owner_matches_kind"),
        ),
        sa.CheckConstraint("balance >= 0", name=op.f("ck_ledger_accounts_balance_not_negative")),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_ledger_accounts_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_ledger_accounts_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_accounts")),
        sa.UniqueConstraint("code", name=op.f("uq_ledger_accounts_code")),
        sa.UniqueConstraint("team_id", name=op.f("uq_ledger_accounts_team_id")),
        sa.UniqueConstraint("user_id", name=op.f("uq_ledger_accounts_user_id")),
    )
    op.create_table(
        "reward_grants",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("rule_code", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("pd", sa.Integer(), nullable=False),
        sa.Column("xp", sa.Integer(), nullable=False),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["rule_code"],
            ["economy_rules.code"],
            name=op.f("fk_reward_grants_rule_code_economy_rules"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_reward_grants_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward_grants")),
        sa.UniqueConstraint(
            "rule_code", "user_id", "source", name=op.f("uq_reward_grants_rule_code_user_id_source")
        ),
    )
    op.create_index(
        "ix_reward_grants_daily", "reward_grants", ["user_id", "rule_code", "day"], unique=False
    )
    op.create_table(
        "ledger_transfers",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "REWARD",
                "QUEST_REWARD",
                "PURCHASE",
                "ADJUSTMENT",
                "CONTRIBUTION",
                "ENTRY_FEE_HOLD",
                "ENTRY_FEE_RELEASE",
                "ENTRY_FEE_REFUND",
                name="transfer_kind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("debit_account_id", sa.Uuid(), nullable=False),
        sa.Column("credit_account_id", sa.Uuid(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("reverses_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_ledger_transfers_amount_positive")),
        sa.CheckConstraint(
            "debit_account_id <> credit_account_id",
            name=op.f("ck_ledger_transfers_distinct_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_ledger_transfers_actor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["credit_account_id"],
            ["ledger_accounts.id"],
            name=op.f("fk_ledger_transfers_credit_account_id_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["debit_account_id"],
            ["ledger_accounts.id"],
            name=op.f("fk_ledger_transfers_debit_account_id_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["reverses_id"],
            ["ledger_transfers.id"],
            name=op.f("fk_ledger_transfers_reverses_id_ledger_transfers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_transfers")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_ledger_transfers_idempotency_key")),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_ledger_transfers_reverses_id")),
    )
    op.create_index(
        "ix_ledger_transfers_credit",
        "ledger_transfers",
        ["credit_account_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_ledger_transfers_debit",
        "ledger_transfers",
        ["debit_account_id", "created_at", "id"],
        unique=False,
    )
    op.create_table(
        "entitlements",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.Column("price_pd", sa.Integer(), nullable=False),
        sa.Column("transfer_id", sa.Uuid(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("starts_at", TIMESTAMPTZ, nullable=False),
        sa.Column("expires_at", TIMESTAMPTZ, nullable=True),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["store_items.id"], name=op.f("fk_entitlements_item_id_store_items")
        ),
        sa.ForeignKeyConstraint(
            ["transfer_id"],
            ["ledger_transfers.id"],
            name=op.f("fk_entitlements_transfer_id_ledger_transfers"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_entitlements_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entitlements")),
        sa.UniqueConstraint(
            "user_id", "idempotency_key", name=op.f("uq_entitlements_user_id_idempotency_key")
        ),
    )
    op.create_index(
        "ix_entitlements_inventory", "entitlements", ["user_id", "created_at", "id"], unique=False
    )
    op.create_index(
        "ix_entitlements_item", "entitlements", ["user_id", "item_id", "expires_at"], unique=False
    )
    op.create_table(
        "escrow_holds",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("payer_account_id", sa.Uuid(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "HELD", "RELEASED", "REFUNDED", name="escrow_status", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("hold_transfer_id", sa.Uuid(), nullable=False),
        sa.Column("settlement_transfer_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", TIMESTAMPTZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("settled_at", TIMESTAMPTZ, nullable=True),
        sa.ForeignKeyConstraint(
            ["hold_transfer_id"],
            ["ledger_transfers.id"],
            name=op.f("fk_escrow_holds_hold_transfer_id_ledger_transfers"),
        ),
        sa.ForeignKeyConstraint(
            ["payer_account_id"],
            ["ledger_accounts.id"],
            name=op.f("fk_escrow_holds_payer_account_id_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["settlement_transfer_id"],
            ["ledger_transfers.id"],
            name=op.f("fk_escrow_holds_settlement_transfer_id_ledger_transfers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escrow_holds")),
        sa.UniqueConstraint("key", name=op.f("uq_escrow_holds_key")),
    )
    _reference_data()
    op.execute(
        """
        CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% rows are immutable: record a reversal instead', TG_TABLE_NAME
                USING ERRCODE = 'restrict_violation';
        END $$
        """
    )
    for table in IMMUTABLE:
        op.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION refuse_change()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()"
        )

    _team_leaderboard_indexes()


def _team_leaderboard_indexes() -> None:
    """On an existing table: built concurrently, outside the migration's transaction."""
    where = sa.text("disbanded_at IS NULL")
    rating = (sa.literal_column("rating DESC"), sa.literal_column("id DESC"))
    with op.get_context().autocommit_block():
        op.create_index(
            "ix_teams_sport_leaderboard",
            "teams",
            ["sport_id", *rating],
            postgresql_where=where,
            postgresql_concurrently=True,
            if_not_exists=True,
        )
        op.create_index(
            "ix_teams_city_sport_leaderboard",
            "teams",
            [sa.literal_column("lower(city)"), "sport_id", *rating],
            postgresql_where=where,
            postgresql_concurrently=True,
            if_not_exists=True,
        )


def _reference_data() -> None:
    accounts = sa.table(
        "ledger_accounts", sa.column("id", sa.Uuid()), sa.column("kind"), sa.column("code")
    )
    op.bulk_insert(
        accounts,
        [
            {"id": uuid.UUID(account_id), "kind": "SYSTEM", "code": code}
            for code, account_id in SYSTEM_ACCOUNTS.items()
        ],
    )
    ranks = sa.table(
        "ranks",
        sa.column("level"),
        sa.column("title"),
        sa.column("description"),
        sa.column("min_xp"),
    )
    op.bulk_insert(
        ranks,
        [
            dict(zip(("level", "title", "description", "min_xp"), rank, strict=True))
            for rank in RANKS
        ],
    )
    names = ("code", "activity", "description", "pd", "xp", "daily_cap", "repeatable")
    rules = sa.table("economy_rules", *(sa.column(name) for name in names))
    op.bulk_insert(rules, [dict(zip(names, rule, strict=True)) for rule in RULES])


def downgrade() -> None:
    with op.get_context().autocommit_block():
        for name in ("ix_teams_city_sport_leaderboard", "ix_teams_sport_leaderboard"):
            op.drop_index(name, table_name="teams", postgresql_concurrently=True, if_exists=True)
    for table in IMMUTABLE:
        op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
        op.execute(f"DROP TRIGGER {table}_immutable ON {table}")
    op.execute("DROP FUNCTION refuse_change()")
    op.drop_table("escrow_holds")
    op.drop_index("ix_entitlements_item", table_name="entitlements")
    op.drop_index("ix_entitlements_inventory", table_name="entitlements")
    op.drop_table("entitlements")
    op.drop_index("ix_ledger_transfers_debit", table_name="ledger_transfers")
    op.drop_index("ix_ledger_transfers_credit", table_name="ledger_transfers")
    op.drop_table("ledger_transfers")
    op.drop_index("ix_reward_grants_daily", table_name="reward_grants")
    op.drop_table("reward_grants")
    op.drop_table("ledger_accounts")
    op.drop_index("ix_xp_entries_user", table_name="xp_entries")
    op.drop_table("xp_entries")
    op.drop_index("ix_user_progress_leaderboard", table_name="user_progress")
    op.drop_index(
        "ix_user_progress_city_leaderboard",
        table_name="user_progress",
        postgresql_where=sa.text("city_key IS NOT NULL"),
    )
    op.drop_table("user_progress")
    op.drop_table("user_achievements")
    op.drop_table("quest_progress")
    op.drop_index(op.f("ix_economy_rules_activity"), table_name="economy_rules")
    op.drop_table("economy_rules")
    op.drop_table("counted_activities")
    op.drop_table("store_items")
    op.drop_table("ranks")
    op.drop_table("quests")
    op.drop_table("achievements")
