from __future__ import annotations

import strawberry

from app.economy import service
from app.economy.types import EconomyRule, Wallet, WalletTransfer


@strawberry.input
class AdjustBalanceInput:
    user_id: strawberry.ID
    amount: int = strawberry.field(
        description="Положительная сумма начисляет, отрицательная списывает."
    )
    reason: str
    idempotency_key: str | None = strawberry.field(
        default=None, description="Повтор с тем же ключом не меняет баланс повторно."
    )


@strawberry.input(description="Изменяются только переданные поля; dailyCap: null снимает лимит.")
class UpdateEconomyRuleInput:
    code: str
    pd: int | None = strawberry.UNSET
    xp: int | None = strawberry.UNSET
    daily_cap: int | None = strawberry.UNSET
    active: bool | None = strawberry.UNSET

    def to_changes(self) -> service.RuleChanges:
        changes: service.RuleChanges = {}
        if self.pd is not strawberry.UNSET and self.pd is not None:
            changes["pd"] = self.pd
        if self.xp is not strawberry.UNSET and self.xp is not None:
            changes["xp"] = self.xp
        if self.daily_cap is not strawberry.UNSET:
            changes["daily_cap"] = self.daily_cap
        if self.active is not strawberry.UNSET and self.active is not None:
            changes["active"] = self.active
        return changes


@strawberry.input
class ContributeToTeamWalletInput:
    team_id: strawberry.ID
    amount: int
    idempotency_key: str


@strawberry.type
class AdjustBalancePayload:
    wallet: Wallet
    transfer: WalletTransfer


@strawberry.type
class UpdateEconomyRulePayload:
    rule: EconomyRule


@strawberry.type
class ContributeToTeamWalletPayload:
    wallet: Wallet
    team_wallet: Wallet
