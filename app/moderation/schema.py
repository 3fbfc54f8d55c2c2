from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import parse_id, require_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated, staff_only
from app.moderation import service
from app.moderation.limits import REPORTS_PER_USER
from app.moderation.models import ReportStatus
from app.moderation.results import (
    CannotReportSelf,
    CannotSanctionStaff,
    ReportAlreadyPending,
    ReportUserPayload,
    ResolveUserReportPayload,
    UserReportAlreadyResolved,
)
from app.moderation.types import (
    ModerationLogEntry,
    ReportUserInput,
    ResolveUserReportInput,
    UserReport,
)
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest
from app.ratelimit.types import RateLimited

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]
ReportUserResult = Annotated[
    ReportUserPayload
    | ValidationFailed
    | NotFound
    | CannotReportSelf
    | ReportAlreadyPending
    | RateLimited,
    strawberry.union("ReportUserResult"),
]
ResolveUserReportResult = Annotated[
    ResolveUserReportPayload
    | ValidationFailed
    | NotFound
    | UserReportAlreadyResolved
    | CannotSanctionStaff,
    strawberry.union("ResolveUserReportResult"),
]


@strawberry.type
class ModerationQuery:
    @strawberry.field(permission_classes=staff_only(), description="Очередь жалоб, старые первыми.")
    async def user_reports(
        self,
        info: Info,
        status: ReportStatus = ReportStatus.PENDING,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[UserReport]:
        context = info.context
        request = PageRequest(first=first, after=after)
        page = await service.report_queue(context.session, context.actor(), status, request)
        return Connection.from_page(page, UserReport.from_model)

    @strawberry.field(permission_classes=staff_only(), description="Журнал действий модераторов.")
    async def moderation_log(
        self,
        info: Info,
        user_id: strawberry.ID | None = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[ModerationLogEntry]:
        context = info.context
        target = parse_id(user_id) if user_id is not None else None
        request = PageRequest(first=first, after=after)
        page = await service.moderation_log(context.session, context.actor(), target, request)
        return Connection.from_page(page, ModerationLogEntry.from_model)


@strawberry.type
class ModerationMutation:
    @mutation(
        permission_classes=authenticated(),
        rate_limits=[REPORTS_PER_USER],
        description="Пожаловаться на игрока.",
    )
    async def report_user(self, info: Info, input: ReportUserInput) -> ReportUserResult:
        context = info.context
        new = service.NewReport(
            user_id=require_id(input.user_id),
            category=input.category,
            description=input.description,
            evidence_urls=input.evidence_urls,
        )
        report = await service.report_user(context.session, context.actor(), new, now=context.now())
        return ReportUserPayload(report=UserReport.from_model(report))

    @mutation(
        permission_classes=staff_only(),
        description="Рассмотреть жалобу: без мер, предупреждение, временная или вечная блокировка.",
    )
    async def resolve_user_report(
        self, info: Info, input: ResolveUserReportInput
    ) -> ResolveUserReportResult:
        context = info.context
        resolution = service.Resolution(input.action, input.ban_days, input.note)
        report = await service.resolve_report(
            context.session,
            context.actor(),
            require_id(input.report_id),
            resolution,
            now=context.now(),
        )
        return ResolveUserReportPayload(report=UserReport.from_model(report))
