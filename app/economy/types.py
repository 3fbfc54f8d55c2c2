from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated

import strawberry

from app.economy import models, service
from app.economy.errors import IdempotencyKeyReusedError, InsufficientFundsError
from app.economy.loaders import RankPlacement
from app.economy.models import Movement, TransferKind
from app.economy.ranks import RankTier
from app.graphql.context import Info
from app.graphql.errors import UserError, maps
from app.graphql.ids import to_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest

strawberry.enum(TransferKind, name="TransferKind", description="Вид движения PD.")

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]


@strawberry.type(description="Ранг по опыту (XP).")
class Rank:
    level: int
    title: str
    description: str | None
    min: int = strawberry.field(description="Опыт, с которого начинается ранг.")
    max: int | None = strawberry.field(description="Последнее значение опыта в ранге.")

    @classmethod
    def from_tier(cls, rank: RankTier, max_xp: int | None) -> Rank:
        return cls(
            level=rank.level,
            title=rank.title,
            description=rank.description,
            min=rank.min_xp,
            max=max_xp,
        )

    @classmethod
    def catalogue(cls, ranks: Sequence[RankTier]) -> list[Rank]:
        """Ranks in order; each ends where the next begins."""
        ends = [following.min_xp - 1 for following in ranks[1:]]
        return [cls.from_tier(rank, end) for rank, end in zip(ranks, [*ends, None], strict=True)]

    @classmethod
    def current(cls, placement: RankPlacement) -> Rank:
        return cls.from_tier(placement.rank, placement.max_xp)

    @classmethod
    def following(cls, placement: RankPlacement) -> Rank | None:
        if placement.next is None:
            return None
        return cls.from_tier(placement.next, placement.next_max_xp)


@strawberry.type(description="Движение PD по кошельку.")
class WalletTransfer:
    id: strawberry.ID
    kind: TransferKind
    amount: int = strawberry.field(
        description="Положительное — поступление, отрицательное — списание."
    )
    description: str
    created_at: datetime

    @classmethod
    def from_movement(cls, movement: Movement) -> WalletTransfer:
        transfer = movement.transfer
        return cls(
            id=to_id(transfer.id),
            kind=transfer.kind,
            amount=movement.amount,
            description=transfer.description,
            created_at=transfer.created_at,
        )


@strawberry.type(description="Кошелёк PD пользователя или команды.")
class Wallet:
    balance: int
    wallet: strawberry.Private[service.Wallet]

    @classmethod
    def from_wallet(cls, wallet: service.Wallet) -> Wallet:
        return cls(balance=wallet.balance, wallet=wallet)

    @strawberry.field(description="История движений, новые первыми.")
    async def transfers(
        self, info: Info, first: First = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[WalletTransfer]:
        page = await service.movements(
            info.context.session, self.wallet, PageRequest(first=first, after=after)
        )
        return Connection.from_page(page, WalletTransfer.from_movement)


@strawberry.type(description="Правило начисления PD и опыта за действие.")
class EconomyRule:
    code: str
    activity: str = strawberry.field(description="Засчитываемое действие, например team.created.")
    description: str
    pd: int
    xp: int
    daily_cap: int | None = strawberry.field(description="Не больше стольких PD в день.")
    repeatable: bool = strawberry.field(
        description="За каждый новый повод (матч, площадку) или один раз."
    )
    active: bool
    updated_at: datetime

    @classmethod
    def from_model(cls, rule: models.EconomyRule) -> EconomyRule:
        return cls(
            code=rule.code,
            activity=rule.activity,
            description=rule.description,
            pd=rule.pd,
            xp=rule.xp,
            daily_cap=rule.daily_cap,
            repeatable=rule.repeatable,
            active=rule.active,
            updated_at=rule.updated_at,
        )


@maps(InsufficientFundsError)
@strawberry.type
class InsufficientFunds(UserError):
    balance: int
    required: int


@maps(IdempotencyKeyReusedError)
@strawberry.type
class IdempotencyKeyReused(UserError):
    pass
