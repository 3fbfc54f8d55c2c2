from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import parse_id, require_id
from app.graphql.permissions import authenticated
from app.matches import scoring
from app.matches.inputs import (
    AwardTechnicalResultInput,
    DisputeMatchResultInput,
    ReportMatchResultInput,
    ResolveMatchDisputeInput,
)
from app.matches.results import (
    AlreadyReported,
    MatchPayload,
    OwnReportDispute,
    PartyToMatch,
    ResponseDeadlinePassed,
    WrongMatchStatus,
)
from app.matches.types import Match

ReportMatchResultResult = Annotated[
    MatchPayload
    | ValidationFailed
    | NotFound
    | WrongMatchStatus
    | AlreadyReported
    | ResponseDeadlinePassed,
    strawberry.union("ReportMatchResultResult"),
]
DisputeMatchResultResult = Annotated[
    MatchPayload
    | ValidationFailed
    | NotFound
    | WrongMatchStatus
    | OwnReportDispute
    | ResponseDeadlinePassed,
    strawberry.union("DisputeMatchResultResult"),
]
ResolveMatchDisputeResult = Annotated[
    MatchPayload | ValidationFailed | NotFound | WrongMatchStatus | PartyToMatch,
    strawberry.union("ResolveMatchDisputeResult"),
]
AwardTechnicalResultResult = Annotated[
    MatchPayload | ValidationFailed | NotFound | WrongMatchStatus | PartyToMatch,
    strawberry.union("AwardTechnicalResultResult"),
]


@strawberry.type
class ScoringMutation:
    @mutation(
        permission_classes=authenticated(),
        description="Сообщить счёт матча (капитан). Одинаковый счёт от обеих команд "
        "подтверждает матч, разный — открывает спор; без ответа счёт подтвердится сам.",
    )
    async def report_match_result(
        self, info: Info, input: ReportMatchResultInput
    ) -> ReportMatchResultResult:
        context = info.context
        match = await scoring.report_result(
            context.session,
            context.actor(),
            require_id(input.match_id),
            input.our_score,
            input.their_score,
            input.comment,
            now=context.now(),
            settings=context.container.settings.matches,
        )
        return MatchPayload(match=Match.from_model(match))

    @mutation(
        permission_classes=authenticated(),
        description="Оспорить счёт, сообщённый соперником (капитан), с причиной и ссылками.",
    )
    async def dispute_match_result(
        self, info: Info, input: DisputeMatchResultInput
    ) -> DisputeMatchResultResult:
        context = info.context
        match = await scoring.dispute_result(
            context.session,
            context.actor(),
            require_id(input.match_id),
            input.reason,
            input.evidence_urls,
            now=context.now(),
        )
        return MatchPayload(match=Match.from_model(match))

    @mutation(
        permission_classes=authenticated(),
        description="Разрешить спор: окончательный счёт и решение (судья матча или модератор).",
    )
    async def resolve_match_dispute(
        self, info: Info, input: ResolveMatchDisputeInput
    ) -> ResolveMatchDisputeResult:
        context = info.context
        match = await scoring.resolve_dispute(
            context.session,
            context.actor(),
            require_id(input.match_id),
            input.home_score,
            input.away_score,
            input.resolution,
            now=context.now(),
        )
        return MatchPayload(match=Match.from_model(match))

    @mutation(
        permission_classes=authenticated(),
        description="Присудить техническую победу, например за неявку (судья или модератор).",
    )
    async def award_technical_result(
        self, info: Info, input: AwardTechnicalResultInput
    ) -> AwardTechnicalResultResult:
        context = info.context
        match = await scoring.award_technical_result(
            context.session,
            context.actor(),
            require_id(input.match_id),
            parse_id(input.winner_team_id),
            input.reason,
            now=context.now(),
            settings=context.container.settings.matches,
        )
        return MatchPayload(match=Match.from_model(match))
