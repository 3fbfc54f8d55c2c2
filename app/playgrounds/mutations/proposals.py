from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import require_id
from app.graphql.permissions import authenticated, staff_only
from app.playgrounds import service
from app.playgrounds.inputs import ModeratePlaygroundInput, ProposePlaygroundInput
from app.playgrounds.limits import PROPOSE_PER_USER
from app.playgrounds.results import (
    ModeratePlaygroundPayload,
    PlaygroundNotPending,
    ProposePlaygroundPayload,
)
from app.playgrounds.types import Playground
from app.ratelimit.types import RateLimited

ProposePlaygroundResult = Annotated[
    ProposePlaygroundPayload | ValidationFailed | RateLimited,
    strawberry.union("ProposePlaygroundResult"),
]
ModeratePlaygroundResult = Annotated[
    ModeratePlaygroundPayload | ValidationFailed | NotFound | PlaygroundNotPending,
    strawberry.union("ModeratePlaygroundResult"),
]


@strawberry.type
class PlaygroundProposalMutation:
    @mutation(
        permission_classes=authenticated(),
        rate_limits=[PROPOSE_PER_USER],
        description="Предложить площадку; её увидят все после одобрения модератором.",
    )
    async def propose_playground(
        self, info: Info, input: ProposePlaygroundInput
    ) -> ProposePlaygroundResult:
        context = info.context
        playground = await service.propose_playground(
            context.session, context.actor(), input.to_fields(), now=context.now()
        )
        return ProposePlaygroundPayload(playground=Playground.from_model(playground))

    @mutation(
        permission_classes=staff_only(),
        description="Одобрить или отклонить (с причиной) площадку, ждущую модерации.",
    )
    async def moderate_playground(
        self, info: Info, input: ModeratePlaygroundInput
    ) -> ModeratePlaygroundResult:
        context = info.context
        playground = await service.moderate_playground(
            context.session,
            context.actor(),
            require_id(input.playground_id),
            input.decision,
            input.reason,
            now=context.now(),
        )
        return ModeratePlaygroundPayload(playground=Playground.from_model(playground))
