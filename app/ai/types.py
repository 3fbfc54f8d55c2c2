from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from app.ai.errors import AiFailedError, AiUnavailableError, FailureReason, QuotaExceededError
from app.ai.models import QuotaTier
from app.ai.quota import Standing
from app.ai.registry import Cost, Flow, Mode
from app.graphql.errors import UserError, maps

strawberry.enum(FailureReason, name="AiFailureReason")
strawberry.enum(QuotaTier, name="AiQuotaTier")
strawberry.enum(Mode, name="AiFlowMode")
strawberry.enum(Cost, name="AiFlowCost")


@maps(AiUnavailableError)
@strawberry.type(description="ИИ не настроен или выключен: остальное работает как обычно.")
class AiUnavailable(UserError):
    pass


@maps(AiFailedError)
@strawberry.type(description="Модель не дала годного ответа.")
class AiFailed(UserError):
    reason: FailureReason
    retryable: bool = strawberry.field(description="Есть ли смысл повторить запрос.")


@maps(QuotaExceededError)
@strawberry.type(description="Дневной лимит токенов исчерпан.")
class QuotaExceeded(UserError):
    retry_after: int = strawberry.field(description="Через сколько секунд лимит обновится.")


@strawberry.type(description="Лимиты ИИ вызывающего и их расход сегодня (сутки по UTC).")
class AiUsage:
    tier: QuotaTier
    requests_per_minute: int
    tokens_per_day: int
    requests_today: int
    tokens_today: int
    tokens_left: int
    resets_at: datetime

    @classmethod
    def from_standing(cls, standing: Standing) -> AiUsage:
        return cls(
            tier=standing.tier,
            requests_per_minute=standing.requests_per_minute,
            tokens_per_day=standing.tokens_per_day,
            requests_today=standing.requests_today,
            tokens_today=standing.tokens_today,
            tokens_left=standing.tokens_left,
            resets_at=standing.resets_at,
        )


@strawberry.type(description="Сценарий ИИ и операция GraphQL, которая его запускает.")
class AiFlow:
    name: str = strawberry.field(description="Имя операции (мутации или подписки).")
    description: str
    mode: Mode
    cost: Cost = strawberry.field(description="Сколько запросов в минуту стоит вызов.")
    cacheable: bool
    prompt_version: str

    @classmethod
    def from_flow(cls, flow: Flow[Any, Any]) -> AiFlow:
        return cls(
            name=flow.name,
            description=flow.description,
            mode=flow.mode,
            cost=flow.cost,
            cacheable=flow.cacheable,
            prompt_version=flow.prompt.version,
        )


@strawberry.type
class AiFlows:
    available: bool = strawberry.field(description="Настроен ли ИИ на сервере.")
    flows: list[AiFlow] = strawberry.field(description="Сценарии, доступные вызывающему.")
    quota: AiUsage = strawberry.field(description="Оставшийся лимит вызывающего.")


@strawberry.type(description="Часть текста, который модель пишет прямо сейчас.")
class AiTextChunk:
    text: str
    done: bool = strawberry.field(description="Последняя часть: ответ закончен.")
