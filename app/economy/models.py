"""The PD ledger, earning rules and their grants, XP and ranks."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, CreatedAt, UUIDPk, utcnow


class AccountKind(StrEnum):
    USER = "USER"
    TEAM = "TEAM"
    SYSTEM = "SYSTEM"


class SystemAccount(StrEnum):
    """The platform's side of every transfer; their rows are created by the migration."""

    REWARDS = "REWARDS"
    """Issues PD for rules and quests: its (derived) balance is minus everything issued."""
    STORE = "STORE"
    FEES = "FEES"
    """Entry fees released to the platform (the prize fund) rather than to an organizer."""
    ESCROW = "ESCROW"
    ADJUSTMENTS = "ADJUSTMENTS"
    """The counterpart of administrators' manual corrections."""

    @property
    def account_id(self) -> uuid.UUID:
        return uuid.uuid5(_SYSTEM_NAMESPACE, self.value)


_SYSTEM_NAMESPACE = uuid.UUID("5d0f7c1e-3a55-4a8e-9c61-0e5b3b7f2a10")


class TransferKind(StrEnum):
    REWARD = "REWARD"
    QUEST_REWARD = "QUEST_REWARD"
    PURCHASE = "PURCHASE"
    ADJUSTMENT = "ADJUSTMENT"
    CONTRIBUTION = "CONTRIBUTION"
    ENTRY_FEE_HOLD = "ENTRY_FEE_HOLD"
    ENTRY_FEE_RELEASE = "ENTRY_FEE_RELEASE"
    ENTRY_FEE_REFUND = "ENTRY_FEE_REFUND"
    WAGER_HOLD = "WAGER_HOLD"
    WAGER_PAYOUT = "WAGER_PAYOUT"
    WAGER_REFUND = "WAGER_REFUND"


class EscrowStatus(StrEnum):
    HELD = "HELD"
    RELEASED = "RELEASED"
    REFUNDED = "REFUNDED"


def _enum(enum: type[StrEnum], name: str, length: int = 16) -> Enum:
    return Enum(enum, name=name, native_enum=False, length=length)


class LedgerAccount(Base):
    """A wallet (of a user or a team) or a system account.

    Wallet balances are kept here, changed by the same transaction that records a transfer,
    and the check makes a negative wallet impossible whatever the code does. System accounts
    keep no balance (it is derived from the transfers): every reward and purchase touches one,
    and updating a single row for all of them would serialise the whole platform on it.
    """

    __tablename__ = "ledger_accounts"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'USER') = (user_id IS NOT NULL) "
            "AND (kind = 'TEAM') = (team_id IS NOT NULL) "
            "AND (kind = 'SYSTEM') = (code IS NOT NULL) "
            "AND (kind = 'SYSTEM') = (balance IS NULL)",
            name="owner_matches_kind",
        ),
        CheckConstraint("balance >= 0", name="balance_not_negative"),
    )

    id: Mapped[UUIDPk]
    kind: Mapped[AccountKind] = mapped_column(_enum(AccountKind, "account_kind"))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), unique=True)
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"), unique=True)
    code: Mapped[SystemAccount | None] = mapped_column(
        _enum(SystemAccount, "system_account", 32), unique=True
    )
    balance: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[CreatedAt]


class LedgerTransfer(Base):
    """One immutable, balanced movement of PD: ``amount`` leaves one account for another.

    A database trigger refuses updates and deletes; mistakes are undone by a reversal, a new
    transfer pointing at the one it undoes (at most one per transfer).
    """

    __tablename__ = "ledger_transfers"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("debit_account_id <> credit_account_id", name="distinct_accounts"),
        Index("ix_ledger_transfers_debit", "debit_account_id", "created_at", "id"),
        Index("ix_ledger_transfers_credit", "credit_account_id", "created_at", "id"),
    )

    id: Mapped[UUIDPk]
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[TransferKind] = mapped_column(_enum(TransferKind, "transfer_kind", 24))
    debit_account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ledger_accounts.id"))
    credit_account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ledger_accounts.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    description: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    reverses_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ledger_transfers.id"), unique=True
    )
    created_at: Mapped[CreatedAt]


@dataclass(frozen=True, slots=True)
class Movement:
    """A transfer as one account sees it: ``amount`` is negative when PD left the account."""

    transfer: LedgerTransfer
    amount: int


class EscrowHold(Base):
    """An entry fee or a wager held in escrow until it is released or refunded."""

    __tablename__ = "escrow_holds"

    id: Mapped[UUIDPk]
    key: Mapped[str] = mapped_column(String(200), unique=True)
    payer_account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ledger_accounts.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[EscrowStatus] = mapped_column(_enum(EscrowStatus, "escrow_status"))
    hold_transfer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ledger_transfers.id"))
    settlement_transfer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ledger_transfers.id")
    )
    created_at: Mapped[CreatedAt]
    settled_at: Mapped[datetime | None]


class EconomyRule(Base):
    """What one counted activity earns: PD and XP, once or per source, within a daily cap."""

    __tablename__ = "economy_rules"
    __table_args__ = (
        CheckConstraint("pd >= 0 AND xp >= 0", name="rewards_not_negative"),
        CheckConstraint("daily_cap IS NULL OR daily_cap > 0", name="daily_cap_positive"),
    )

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    activity: Mapped[str] = mapped_column(String(60), index=True)
    description: Mapped[str] = mapped_column(Text)
    pd: Mapped[int] = mapped_column(Integer)
    xp: Mapped[int] = mapped_column(Integer)
    daily_cap: Mapped[int | None] = mapped_column(Integer)
    """Most PD one user earns from this rule per calendar day; ``None``: no cap."""
    repeatable: Mapped[bool] = mapped_column(Boolean)
    """Once per source (each match won) or once per user ever (registration)."""
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=text("now()"))
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))


class RewardGrant(Base):
    """A rule applied to one source for one user; the unique key makes it happen once."""

    __tablename__ = "reward_grants"
    __table_args__ = (
        UniqueConstraint("rule_code", "user_id", "source"),
        Index("ix_reward_grants_daily", "user_id", "rule_code", "day"),
    )

    id: Mapped[UUIDPk]
    rule_code: Mapped[str] = mapped_column(ForeignKey("economy_rules.code"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    source: Mapped[str] = mapped_column(String(200))
    day: Mapped[date]
    """The calendar day (platform time zone) of the activity, for the daily cap."""
    pd: Mapped[int] = mapped_column(Integer)
    xp: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[CreatedAt]


class XpEntry(Base):
    """One immutable XP award; ``user_progress.xp`` is their sum."""

    __tablename__ = "xp_entries"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_xp_entries_user", "user_id", "created_at"),
    )

    id: Mapped[UUIDPk]
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    amount: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(100))
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[CreatedAt]


class UserProgress(Base):
    """A user's XP total, plus the city (copied from the profile) for city leaderboards."""

    __tablename__ = "user_progress"
    __table_args__ = (CheckConstraint("xp >= 0", name="xp_not_negative"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), primary_key=True)
    xp: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    city_key: Mapped[str | None] = mapped_column(String(100))
    """``lower(city)``, as the leaderboard filter compares it."""
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=text("now()"))


Index("ix_user_progress_leaderboard", UserProgress.xp.desc(), UserProgress.user_id.desc())
Index(
    "ix_user_progress_city_leaderboard",
    UserProgress.city_key,
    UserProgress.xp.desc(),
    UserProgress.user_id.desc(),
    postgresql_where=text("city_key IS NOT NULL"),
)


class Rank(Base):
    """One of the ranks by XP; a rank lasts until the next one's ``min_xp``."""

    __tablename__ = "ranks"

    level: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(String(60))
    description: Mapped[str | None] = mapped_column(Text)
    min_xp: Mapped[int] = mapped_column(Integer, unique=True)
