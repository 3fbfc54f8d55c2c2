from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound
from app.graphql.fields import mutation
from app.graphql.ids import require_id
from app.graphql.permissions import authenticated
from app.quests import service
from app.quests.limits import CLAIM_PER_USER
from app.quests.models import QuestType
from app.quests.types import (
    ClaimQuestRewardInput,
    ClaimQuestRewardPayload,
    Quest,
    QuestAlreadyClaimed,
    QuestNotCompleted,
)
from app.ratelimit.types import RateLimited

ClaimQuestRewardResult = Annotated[
    ClaimQuestRewardPayload | NotFound | QuestNotCompleted | QuestAlreadyClaimed | RateLimited,
    strawberry.union("ClaimQuestRewardResult"),
]


@strawberry.type
class QuestQuery:
    @strawberry.field(
        permission_classes=authenticated(), description="Открытые квесты с моим прогрессом."
    )
    async def quests(self, info: Info, type: QuestType | None = None) -> list[Quest]:
        context = info.context
        views = await service.list_quests(
            context.session,
            context.actor(),
            type,
            now=context.now(),
            zone=context.container.settings.economy.zone,
        )
        return [Quest.from_view(view) for view in views]


@strawberry.type
class QuestMutation:
    @mutation(
        permission_classes=authenticated(),
        rate_limits=[CLAIM_PER_USER],
        description="Получить награду за выполненный квест (один раз за период).",
    )
    async def claim_quest_reward(
        self, info: Info, input: ClaimQuestRewardInput
    ) -> ClaimQuestRewardResult:
        context = info.context
        claim = await service.claim_reward(
            context.session,
            context.actor(),
            require_id(input.quest_id),
            now=context.now(),
            zone=context.container.settings.economy.zone,
        )
        return ClaimQuestRewardPayload.from_claim(claim)
