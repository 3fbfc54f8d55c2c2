from __future__ import annotations

import strawberry

from app.graphql.errors import UserError, maps
from app.moderation.errors import (
    CannotReportSelfError,
    CannotSanctionStaffError,
    ReportAlreadyPendingError,
    UserReportAlreadyResolvedError,
)
from app.moderation.types import UserReport


@strawberry.type
class ReportUserPayload:
    report: UserReport


@strawberry.type
class ResolveUserReportPayload:
    report: UserReport


@maps(CannotReportSelfError)
@strawberry.type
class CannotReportSelf(UserError):
    pass


@maps(ReportAlreadyPendingError)
@strawberry.type
class ReportAlreadyPending(UserError):
    pass


@maps(UserReportAlreadyResolvedError)
@strawberry.type
class UserReportAlreadyResolved(UserError):
    pass


@maps(CannotSanctionStaffError)
@strawberry.type
class CannotSanctionStaff(UserError):
    pass
