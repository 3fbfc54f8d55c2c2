"""Economy operations for the API: wallets, administrators' corrections, rules, ranks,
the players' leaderboard. The ledger itself is ``ledger.py``; earning is ``rewards.py``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.economy import escrow, ledger
from app.economy.events import EconomyRuleUpdated
from app.economy.models import (
    EconomyRule,
    LedgerAccount,
    LedgerTransfer,
    Movement,
    SystemAccount,
    TransferKind,
    UserProgress,
)
from app.economy.ranks import RANK_TIERS, RankTier
from app.economy.repository import (
    ProgressRepository,
    RuleRepository,
    TransferRepository,
)
from app.errors import AccessDeniedError, FieldCode, NotFoundError
from app.events import emit
from app.pagination import Page, PageRequest
from app.teams import service as teams
from app.teams.errors import TeamDisbandedError
from app.users import service as users
from app.validation import Validator

MAX_AMOUNT = 1_000_000
MAX_RULE_VALUE = 100_000


@dataclass(frozen=True, slots=True)
class Wallet:
    """A wallet as shown: ``account`` is ``None`` until the first PD arrives."""

    account: LedgerAccount | None

    @property
    def balance(self) -> int:
        return (self.account.balance or 0) if self.account is not None else 0


class RuleChanges(TypedDict, total=False):
    pd: int
    xp: int
    daily_cap: int | None
    active: bool


async def my_wallet(session: AsyncSession, actor: Principal) -> Wallet:
    return Wallet(await ledger.user_wallet(session, actor.user_id))


async def get_team_wallet(
    session: AsyncSession, actor: Principal, team_id: uuid.UUID
) -> Wallet | None:
    """Members only; ``None`` when there is no such team."""
    if await teams.get_team(session, actor, team_id) is None:
        return None
    if not await teams.is_member(session, actor.user_id, team_id):
        raise AccessDeniedError("Кошелёк команды видят только её участники")
    return Wallet(await ledger.team_wallet(session, team_id))


async def movements(session: AsyncSession, wallet: Wallet, page: PageRequest) -> Page[Movement]:
    if wallet.account is None:
        return Page(items=[], cursors=[], has_next_page=False, has_previous_page=False)
    return await TransferRepository(session).page_for(wallet.account.id, page)


async def adjust_balance(
    session: AsyncSession,
    actor: Principal,
    user_id: uuid.UUID,
    amount: int,
    reason: str,
    *,
    key: str | None,
    now: datetime,
) -> tuple[Wallet, LedgerTransfer]:
    """An administrator's correction, kept as a transfer naming who made it and why."""
    v = Validator()
    v.int_range("amount", amount, low=-MAX_AMOUNT, high=MAX_AMOUNT)
    if amount == 0:
        v.add("amount", FieldCode.OUT_OF_RANGE, "Сумма не может быть нулевой")
    cleaned = v.text("reason", reason, min_len=3, max_len=500, required=True) or ""
    v.idempotency_key("idempotencyKey", key)
    v.raise_if_any()
    if await users.get_user(session, actor, user_id) is None:
        raise NotFoundError()
    wallet = await ledger.lock_user_wallet(session, user_id)
    adjustments = ledger.system(SystemAccount.ADJUSTMENTS)
    debit, credit = (adjustments, wallet) if amount > 0 else (wallet, adjustments)
    record = await ledger.transfer(
        session,
        debit,
        credit,
        abs(amount),
        kind=TransferKind.ADJUSTMENT,
        key=f"adjustment:{key or uuid.uuid4()}",
        description=cleaned,
        now=now,
        actor_id=actor.user_id,
    )
    return Wallet(wallet), record


async def contribute_to_team(
    session: AsyncSession,
    actor: Principal,
    team_id: uuid.UUID,
    amount: int,
    *,
    key: str,
    now: datetime,
) -> tuple[Wallet, Wallet]:
    """A member moves PD from their wallet to the team's; returns (own, team's) wallets."""
    v = Validator()
    v.int_range("amount", amount, low=1, high=MAX_AMOUNT)
    v.idempotency_key("idempotencyKey", key)
    v.raise_if_any()
    team = await teams.get_team(session, actor, team_id)
    if team is None:
        raise NotFoundError()
    if team.is_disbanded:
        raise TeamDisbandedError()
    if not await teams.is_member(session, actor.user_id, team_id):
        raise AccessDeniedError("Пополнять кошелёк команды могут только её участники")
    own = await ledger.lock_user_wallet(session, actor.user_id)
    team_wallet = await ledger.lock_team_wallet(session, team_id)
    await ledger.transfer(
        session,
        own,
        team_wallet,
        amount,
        kind=TransferKind.CONTRIBUTION,
        key=f"contribution:{actor.user_id}:{key}",
        description=f"Взнос в кошелёк команды «{team.name}»",
        now=now,
        actor_id=actor.user_id,
    )
    return Wallet(own), Wallet(team_wallet)


async def hold_entry_fee(
    session: AsyncSession,
    *,
    key: str,
    team_id: uuid.UUID,
    captain_id: uuid.UUID,
    amount: int,
    description: str,
    now: datetime,
) -> None:
    """Hold a fee in escrow: from the team's wallet when it covers the fee, otherwise from the
    captain's; raises ``InsufficientFundsError`` when the chosen wallet cannot pay."""
    team_wallet = await ledger.team_wallet(session, team_id)
    team_pays = team_wallet is not None and (team_wallet.balance or 0) >= amount
    payer = escrow.WalletOwner.team(team_id) if team_pays else escrow.WalletOwner.user(captain_id)
    await escrow.hold_entry_fee(
        session, payer, amount, key=key, description=description, now=now, actor_id=captain_id
    )


async def release_entry_fee(
    session: AsyncSession,
    *,
    key: str,
    beneficiary_id: uuid.UUID,
    description: str,
    now: datetime,
) -> None:
    """Pay a held fee to the beneficiary user's wallet (the tournament's organizer)."""
    await escrow.release_entry_fee(
        session, key, escrow.WalletOwner.user(beneficiary_id), description=description, now=now
    )


async def refund_entry_fee(
    session: AsyncSession,
    *,
    key: str,
    description: str,
    now: datetime,
    actor_id: uuid.UUID | None = None,
) -> None:
    await escrow.refund_entry_fee(session, key, description=description, now=now, actor_id=actor_id)


async def list_rules(session: AsyncSession) -> list[EconomyRule]:
    return await RuleRepository(session).all()


async def update_rule(
    session: AsyncSession, actor: Principal, code: str, changes: RuleChanges, *, now: datetime
) -> EconomyRule:
    _validate_rule(changes)
    rule = await RuleRepository(session).lock(code)
    if rule is None:
        raise NotFoundError("Нет такого правила")
    for name, value in changes.items():
        setattr(rule, name, value)
    rule.updated_at = now
    rule.updated_by_id = actor.user_id
    await session.flush()
    event = EconomyRuleUpdated(
        code=rule.code, pd=rule.pd, xp=rule.xp, daily_cap=rule.daily_cap, active=rule.active
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return rule


def _validate_rule(changes: RuleChanges) -> None:
    v = Validator()
    v.int_range("pd", changes.get("pd"), low=0, high=MAX_RULE_VALUE)
    v.int_range("xp", changes.get("xp"), low=0, high=MAX_RULE_VALUE)
    v.int_range("dailyCap", changes.get("daily_cap"), low=1, high=MAX_RULE_VALUE)
    v.raise_if_any()


async def list_ranks(session: AsyncSession) -> tuple[RankTier, ...]:
    return await RANK_TIERS.get(session)


async def player_leaderboard(
    session: AsyncSession, viewer: Principal, *, city: str | None, page: PageRequest
) -> Page[UserProgress]:
    city = (city or "").strip()
    return await ProgressRepository(session).leaderboard(city.lower() or None, page)


async def sync_city(session: AsyncSession, user_id: uuid.UUID, *, now: datetime) -> None:
    """Copy the profile's city for the city leaderboard (from the users domain's events)."""
    city = await users.city_of(session, user_id)
    city_key = city.strip().lower() if city else None
    await ProgressRepository(session).set_city(user_id, city_key or None, now)
