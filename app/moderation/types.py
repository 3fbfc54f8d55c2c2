from __future__ import annotations

from datetime import datetime

import strawberry

from app.graphql.context import Info
from app.graphql.ids import to_id
from app.moderation import models
from app.moderation.models import ModerationAction, ReportCategory, ReportStatus
from app.social.types import user_of
from app.users.types import User

strawberry.enum(
    ReportCategory,
    name="ReportCategory",
    description="Оскорбления, читы, спам, неспортивное поведение или другое.",
)
strawberry.enum(ReportStatus, name="UserReportStatus")
strawberry.enum(ModerationAction, name="ModerationAction")


@strawberry.type(description="Жалоба на игрока (видна модераторам).")
class UserReport:
    id: strawberry.ID
    category: ReportCategory
    description: str | None
    evidence_urls: list[str]
    status: ReportStatus
    action: ModerationAction | None
    resolution_note: str | None
    created_at: datetime
    resolved_at: datetime | None
    model: strawberry.Private[models.UserReport]

    @classmethod
    def from_model(cls, report: models.UserReport) -> UserReport:
        return cls(
            id=to_id(report.id),
            category=report.category,
            description=report.description,
            evidence_urls=list(report.evidence_urls),
            status=report.status,
            action=report.action,
            resolution_note=report.resolution_note,
            created_at=report.created_at,
            resolved_at=report.resolved_at,
            model=report,
        )

    @strawberry.field
    async def reporter(self, info: Info) -> User:
        return await user_of(info, self.model.reporter_id)

    @strawberry.field
    async def reported_user(self, info: Info) -> User:
        return await user_of(info, self.model.reported_user_id)

    @strawberry.field
    async def resolver(self, info: Info) -> User | None:
        if self.model.resolver_id is None:
            return None
        return await user_of(info, self.model.resolver_id)


@strawberry.type(description="Запись журнала действий модераторов.")
class ModerationLogEntry:
    id: strawberry.ID
    action: ModerationAction
    ban_days: int | None
    banned_until: datetime | None
    note: str | None
    report_id: strawberry.ID | None
    created_at: datetime
    model: strawberry.Private[models.ModerationLogEntry]

    @classmethod
    def from_model(cls, entry: models.ModerationLogEntry) -> ModerationLogEntry:
        return cls(
            id=to_id(entry.id),
            action=entry.action,
            ban_days=entry.ban_days,
            banned_until=entry.banned_until,
            note=entry.note,
            report_id=to_id(entry.report_id) if entry.report_id else None,
            created_at=entry.created_at,
            model=entry,
        )

    @strawberry.field
    async def moderator(self, info: Info) -> User:
        return await user_of(info, self.model.moderator_id)

    @strawberry.field
    async def target_user(self, info: Info) -> User:
        return await user_of(info, self.model.target_user_id)


@strawberry.input
class ReportUserInput:
    user_id: strawberry.ID
    category: ReportCategory
    description: str | None = None
    evidence_urls: list[str] = strawberry.field(default_factory=list)


@strawberry.input
class ResolveUserReportInput:
    report_id: strawberry.ID
    action: ModerationAction
    ban_days: int | None = strawberry.field(
        default=None, description="Срок для TEMP_BAN, от 1 до 365 дней."
    )
    note: str | None = None
