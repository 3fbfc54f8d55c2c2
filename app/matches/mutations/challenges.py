from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import require_id
from app.graphql.permissions import authenticated
from app.matches import challenges
from app.matches.inputs import (
    ChallengeTeamInput,
    RespondToChallengeInput,
    WithdrawMatchChallengeInput,
)
from app.matches.limits import CHALLENGE_PER_USER
from app.matches.results import (
    ChallengeAlreadyPending,
    ChallengeExpired,
    ChallengeNotPending,
    ChallengeTeamPayload,
    RespondToChallengePayload,
    ScheduleClash,
    WithdrawMatchChallengePayload,
)
from app.matches.types import Match, MatchChallenge
from app.ratelimit.types import RateLimited
from app.teams.results import TeamDisbanded

ChallengeTeamResult = Annotated[
    ChallengeTeamPayload
    | ValidationFailed
    | NotFound
    | TeamDisbanded
    | ChallengeAlreadyPending
    | ScheduleClash
    | RateLimited,
    strawberry.union("ChallengeTeamResult"),
]
RespondToChallengeResult = Annotated[
    RespondToChallengePayload
    | ValidationFailed
    | NotFound
    | TeamDisbanded
    | ChallengeNotPending
    | ChallengeExpired
    | ScheduleClash,
    strawberry.union("RespondToChallengeResult"),
]
WithdrawMatchChallengeResult = Annotated[
    WithdrawMatchChallengePayload
    | NotFound
    | TeamDisbanded
    | ChallengeNotPending
    | ChallengeExpired,
    strawberry.union("WithdrawMatchChallengeResult"),
]


@strawberry.type
class ChallengeMutation:
    @mutation(
        permission_classes=authenticated(),
        rate_limits=[CHALLENGE_PER_USER],
        description="Вызвать команду того же вида спорта на товарищеский матч (капитан).",
    )
    async def challenge_team(self, info: Info, input: ChallengeTeamInput) -> ChallengeTeamResult:
        context = info.context
        challenge = await challenges.challenge_team(
            context.session,
            context.actor(),
            input.to_fields(),
            now=context.now(),
            settings=context.container.settings.matches,
        )
        return ChallengeTeamPayload(challenge=MatchChallenge.from_model(challenge))

    @mutation(
        permission_classes=authenticated(),
        description="Принять вызов, отклонить его или предложить другое время (капитан).",
    )
    async def respond_to_challenge(
        self, info: Info, input: RespondToChallengeInput
    ) -> RespondToChallengeResult:
        context = info.context
        challenge, match = await challenges.respond_to_challenge(
            context.session,
            context.actor(),
            require_id(input.challenge_id),
            input.answer,
            input.new_time,
            now=context.now(),
            settings=context.container.settings.matches,
        )
        return RespondToChallengePayload(
            challenge=MatchChallenge.from_model(challenge),
            match=Match.from_model(match) if match else None,
        )

    @mutation(
        permission_classes=authenticated(),
        description="Отозвать свой вызов, пока его не приняли и время не прошло "
        "(капитан команды, бросившей вызов).",
    )
    async def withdraw_match_challenge(
        self, info: Info, input: WithdrawMatchChallengeInput
    ) -> WithdrawMatchChallengeResult:
        c = info.context
        challenge = await challenges.withdraw_challenge(
            c.session, c.actor(), require_id(input.challenge_id), now=c.now()
        )
        return WithdrawMatchChallengePayload(challenge=MatchChallenge.from_model(challenge))
