from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import require_id
from app.graphql.permissions import authenticated, staff_only
from app.playgrounds import conditions
from app.playgrounds.inputs import ReportPlaygroundConditionInput, ResolveConditionReportInput
from app.playgrounds.limits import REPORT_PER_USER
from app.playgrounds.results import (
    PlaygroundNotApproved,
    ReportAlreadyResolved,
    ReportPlaygroundConditionPayload,
    ResolveConditionReportPayload,
)
from app.playgrounds.types import PlaygroundConditionReport
from app.ratelimit.types import RateLimited

ReportPlaygroundConditionResult = Annotated[
    ReportPlaygroundConditionPayload
    | ValidationFailed
    | NotFound
    | PlaygroundNotApproved
    | RateLimited,
    strawberry.union("ReportPlaygroundConditionResult"),
]
ResolveConditionReportResult = Annotated[
    ResolveConditionReportPayload | ValidationFailed | NotFound | ReportAlreadyResolved,
    strawberry.union("ResolveConditionReportResult"),
]


@strawberry.type
class PlaygroundConditionMutation:
    @mutation(
        permission_classes=authenticated(),
        rate_limits=[REPORT_PER_USER],
        description="Сообщить о проблеме на площадке (сломано, грязно, нет света...).",
    )
    async def report_playground_condition(
        self, info: Info, input: ReportPlaygroundConditionInput
    ) -> ReportPlaygroundConditionResult:
        context = info.context
        report = await conditions.report_condition(
            context.session,
            context.actor(),
            require_id(input.playground_id),
            input.category,
            input.comment,
            now=context.now(),
        )
        return ReportPlaygroundConditionPayload(report=PlaygroundConditionReport.from_model(report))

    @mutation(permission_classes=staff_only(), description="Закрыть сообщение о состоянии.")
    async def resolve_condition_report(
        self, info: Info, input: ResolveConditionReportInput
    ) -> ResolveConditionReportResult:
        context = info.context
        report = await conditions.resolve_report(
            context.session,
            context.actor(),
            require_id(input.report_id),
            input.resolution,
            now=context.now(),
        )
        return ResolveConditionReportPayload(report=PlaygroundConditionReport.from_model(report))
