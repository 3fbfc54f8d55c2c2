from __future__ import annotations

from typing import Annotated

import strawberry

from app.auth.roles import Role
from app.economy import service
from app.economy.inputs import (
    AdjustBalanceInput,
    AdjustBalancePayload,
    ContributeToTeamWalletInput,
    ContributeToTeamWalletPayload,
    UpdateEconomyRuleInput,
    UpdateEconomyRulePayload,
)
from app.economy.models import Movement
from app.economy.types import (
    EconomyRule,
    IdempotencyKeyReused,
    InsufficientFunds,
    Rank,
    Wallet,
    WalletTransfer,
)
from app.economy.user_fields import UserProgressFields, prefetch_progress
from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.extend import extend_type
from app.graphql.fields import mutation
from app.graphql.ids import parse_id, require_id
from app.graphql.permissions import authenticated, roles
from app.teams.results import TeamDisbanded
from app.users.prefetch import also_prefetch
from app.users.types import User

extend_type(User, UserProgressFields)
also_prefetch(prefetch_progress)

AdjustBalanceResult = Annotated[
    AdjustBalancePayload | ValidationFailed | NotFound | InsufficientFunds | IdempotencyKeyReused,
    strawberry.union("AdjustBalanceResult"),
]
UpdateEconomyRuleResult = Annotated[
    UpdateEconomyRulePayload | ValidationFailed | NotFound,
    strawberry.union("UpdateEconomyRuleResult"),
]
ContributeToTeamWalletResult = Annotated[
    ContributeToTeamWalletPayload
    | ValidationFailed
    | NotFound
    | TeamDisbanded
    | InsufficientFunds
    | IdempotencyKeyReused,
    strawberry.union("ContributeToTeamWalletResult"),
]


@strawberry.type
class EconomyQuery:
    @strawberry.field(permission_classes=authenticated(), description="Мой кошелёк PD.")
    async def wallet(self, info: Info) -> Wallet:
        wallet = await service.my_wallet(info.context.session, info.context.actor())
        return Wallet.from_wallet(wallet)

    @strawberry.field(
        permission_classes=authenticated(), description="Кошелёк команды: её участникам."
    )
    async def team_wallet(self, info: Info, team_id: strawberry.ID) -> Wallet | None:
        parsed = parse_id(team_id)
        if parsed is None:
            return None
        wallet = await service.get_team_wallet(info.context.session, info.context.actor(), parsed)
        return Wallet.from_wallet(wallet) if wallet is not None else None

    @strawberry.field(permission_classes=authenticated(), description="Правила начисления PD.")
    async def economy_rules(self, info: Info) -> list[EconomyRule]:
        rules = await service.list_rules(info.context.session)
        return [EconomyRule.from_model(rule) for rule in rules]

    @strawberry.field(permission_classes=authenticated(), description="Ранги по опыту.")
    async def ranks(self, info: Info) -> list[Rank]:
        return Rank.catalogue(await service.list_ranks(info.context.session))


@strawberry.type
class EconomyMutation:
    @mutation(
        permission_classes=roles(Role.ADMINISTRATOR),
        description="Начислить или списать PD пользователю (администратор; с причиной).",
    )
    async def adjust_balance(self, info: Info, input: AdjustBalanceInput) -> AdjustBalanceResult:
        context = info.context
        wallet, transfer = await service.adjust_balance(
            context.session,
            context.actor(),
            require_id(input.user_id),
            input.amount,
            input.reason,
            key=input.idempotency_key,
            now=context.now(),
        )
        movement = Movement(transfer, transfer.amount if input.amount > 0 else -transfer.amount)
        return AdjustBalancePayload(
            wallet=Wallet.from_wallet(wallet), transfer=WalletTransfer.from_movement(movement)
        )

    @mutation(
        permission_classes=roles(Role.ADMINISTRATOR),
        description="Изменить правило начисления (администратор).",
    )
    async def update_economy_rule(
        self, info: Info, input: UpdateEconomyRuleInput
    ) -> UpdateEconomyRuleResult:
        context = info.context
        rule = await service.update_rule(
            context.session, context.actor(), input.code, input.to_changes(), now=context.now()
        )
        return UpdateEconomyRulePayload(rule=EconomyRule.from_model(rule))

    @mutation(
        permission_classes=authenticated(),
        description="Перевести PD из своего кошелька в кошелёк своей команды.",
    )
    async def contribute_to_team_wallet(
        self, info: Info, input: ContributeToTeamWalletInput
    ) -> ContributeToTeamWalletResult:
        context = info.context
        own, team = await service.contribute_to_team(
            context.session,
            context.actor(),
            require_id(input.team_id),
            input.amount,
            key=input.idempotency_key,
            now=context.now(),
        )
        return ContributeToTeamWalletPayload(
            wallet=Wallet.from_wallet(own), team_wallet=Wallet.from_wallet(team)
        )
