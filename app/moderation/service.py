"""User reports, their resolution by moderators, bans and the audit trail.

A ban is ``users.banned_until``: the authentication of every request and WebSocket refuses a
banned user (``app.auth.authenticate``), ``UserBanned`` closes the sockets already open, and
the ban ends by itself when the time passes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.auth.roles import Role
from app.errors import AccessDeniedError, FieldCode, NotFoundError
from app.events import emit
from app.moderation.errors import (
    CannotReportSelfError,
    CannotSanctionStaffError,
    ReportAlreadyPendingError,
    UserReportAlreadyResolvedError,
)
from app.moderation.events import UserBanned, UserReported, UserReportResolved, UserWarned
from app.moderation.models import (
    ModerationAction,
    ModerationLogEntry,
    ReportCategory,
    ReportStatus,
    UserReport,
)
from app.moderation.repository import ModerationRepository
from app.pagination import Page, PageRequest
from app.users import service as users
from app.users.models import User
from app.validation import Validator

MAX_EVIDENCE = 5
MAX_BAN_DAYS = 365
BANS = (ModerationAction.TEMP_BAN, ModerationAction.PERM_BAN)


@dataclass(frozen=True, slots=True)
class NewReport:
    user_id: uuid.UUID
    category: ReportCategory
    description: str | None
    evidence_urls: list[str]


@dataclass(frozen=True, slots=True)
class Resolution:
    action: ModerationAction
    ban_days: int | None
    note: str | None


async def report_user(
    session: AsyncSession, actor: Principal, new: NewReport, *, now: datetime
) -> UserReport:
    if new.user_id == actor.user_id:
        raise CannotReportSelfError()
    description, evidence = _validate_report(new)
    if await users.get_user(session, actor, new.user_id) is None:
        raise NotFoundError()
    repo = ModerationRepository(session)
    if await repo.pending_report(actor.user_id, new.user_id) is not None:
        raise ReportAlreadyPendingError()
    report = UserReport(
        reporter_id=actor.user_id,
        reported_user_id=new.user_id,
        category=new.category,
        description=description,
        evidence_urls=evidence,
        created_at=now,
    )
    await repo.add(report)
    event = UserReported(
        report_id=report.id,
        reporter_id=actor.user_id,
        reported_user_id=new.user_id,
        category=new.category.value,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return report


async def resolve_report(
    session: AsyncSession,
    actor: Principal,
    report_id: uuid.UUID,
    resolution: Resolution,
    *,
    now: datetime,
) -> UserReport:
    _require_staff(actor)
    note = _validate_resolution(resolution)
    repo = ModerationRepository(session)
    report = await repo.report_for_update(report_id)
    if report is None:
        raise NotFoundError()
    if report.status is not ReportStatus.PENDING:
        raise UserReportAlreadyResolvedError()
    await apply_action(session, actor, report.reported_user_id, resolution, report, now=now)
    report.status = ReportStatus.RESOLVED
    report.action = resolution.action
    report.resolver_id = actor.user_id
    report.resolution_note = note
    report.resolved_at = now
    await session.flush()
    event = UserReportResolved(
        report_id=report.id,
        reporter_id=report.reporter_id,
        reported_user_id=report.reported_user_id,
        moderator_id=actor.user_id,
        action=resolution.action.value,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return report


async def apply_action(
    session: AsyncSession,
    actor: Principal,
    user_id: uuid.UUID,
    resolution: Resolution,
    report: UserReport | None,
    *,
    now: datetime,
) -> None:
    """Sanction the user as ``resolution`` says and write it to the audit trail."""
    target = (await users.users_by_id(session, [user_id])).get(user_id)
    if target is None:
        raise NotFoundError()
    if resolution.action is not ModerationAction.NO_ACTION:
        _require_may_sanction(actor, target)
    until = await _ban(session, actor, target, resolution, now)
    if resolution.action is ModerationAction.WARN:
        warned = UserWarned(user_id=user_id, moderator_id=actor.user_id, note=resolution.note)
        emit(session, warned, actor_id=actor.user_id, occurred_at=now)
    entry = ModerationLogEntry(
        moderator_id=actor.user_id,
        target_user_id=user_id,
        report_id=report.id if report else None,
        action=resolution.action,
        ban_days=resolution.ban_days if resolution.action is ModerationAction.TEMP_BAN else None,
        banned_until=until,
        note=resolution.note,
        created_at=now,
    )
    await ModerationRepository(session).add(entry)


async def report_queue(
    session: AsyncSession, viewer: Principal, status: ReportStatus, page: PageRequest
) -> Page[UserReport]:
    _require_staff(viewer)
    return await ModerationRepository(session).queue(status, page)


async def moderation_log(
    session: AsyncSession, viewer: Principal, user_id: uuid.UUID | None, page: PageRequest
) -> Page[ModerationLogEntry]:
    _require_staff(viewer)
    return await ModerationRepository(session).log(user_id, page)


async def _ban(
    session: AsyncSession,
    actor: Principal,
    target: User,
    resolution: Resolution,
    now: datetime,
) -> datetime | None:
    if resolution.action not in BANS:
        return None
    permanent = resolution.action is ModerationAction.PERM_BAN
    until = users.PERMANENT_BAN if permanent else now + timedelta(days=resolution.ban_days or 0)
    await users.ban(session, target.id, until=until, reason=resolution.note)
    event = UserBanned(
        user_id=target.id, moderator_id=actor.user_id, banned_until=until, permanent=permanent
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return until


def _require_staff(actor: Principal) -> None:
    if not actor.is_staff:
        raise AccessDeniedError()


def _require_may_sanction(actor: Principal, target: User) -> None:
    """Moderators sanction players; only an administrator sanctions staff."""
    target_is_staff = any(role in (Role.MODERATOR, Role.ADMINISTRATOR) for role in target.roles)
    if target.id == actor.user_id or (
        target_is_staff and not actor.has_any_role(Role.ADMINISTRATOR)
    ):
        raise CannotSanctionStaffError()


def _validate_report(new: NewReport) -> tuple[str | None, list[str]]:
    v = Validator()
    description = v.text("description", new.description, max_len=2000)
    if new.category is ReportCategory.OTHER and description is None:
        v.add("description", FieldCode.REQUIRED, "Опишите, что произошло")
    if len(new.evidence_urls) > MAX_EVIDENCE:
        v.add("evidenceUrls", FieldCode.OUT_OF_RANGE, f"Не больше {MAX_EVIDENCE} ссылок")
    evidence = [v.url(f"evidenceUrls.{i}", url) or "" for i, url in enumerate(new.evidence_urls)]
    v.raise_if_any()
    return description, [url for url in evidence if url]


def _validate_resolution(resolution: Resolution) -> str | None:
    v = Validator()
    note = v.text("note", resolution.note, max_len=2000)
    if resolution.action is ModerationAction.TEMP_BAN:
        if resolution.ban_days is None:
            v.add("banDays", FieldCode.REQUIRED, "Укажите срок блокировки в днях")
        v.int_range("banDays", resolution.ban_days, low=1, high=MAX_BAN_DAYS)
    elif resolution.ban_days is not None:
        v.add("banDays", FieldCode.NOT_ALLOWED, "Срок указывается только для временной блокировки")
    v.raise_if_any()
    return note
