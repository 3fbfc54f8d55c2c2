"""Condition reports: anyone reports a problem, a moderator resolves it.

A report stays open until resolved; the newest open report is the playground's current
condition. ``severity`` and ``summary`` stay empty here: the AI triage fills them later from
the ``playground.condition_reported`` event.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError, NotFoundError
from app.events import emit
from app.pagination import Page, PageRequest
from app.playgrounds.errors import ReportAlreadyResolvedError
from app.playgrounds.events import PlaygroundConditionReported, PlaygroundConditionResolved
from app.playgrounds.models import ConditionReport, ReportStatus
from app.playgrounds.records import ConditionReportRepository
from app.playgrounds.service import approved_for_action
from app.playgrounds.values import ConditionCategory, Severity
from app.validation import Validator


async def report_condition(
    session: AsyncSession,
    actor: Principal,
    playground_id: uuid.UUID,
    category: ConditionCategory,
    comment: str,
    *,
    now: datetime,
) -> ConditionReport:
    v = Validator()
    text = v.text("comment", comment, min_len=10, max_len=1000, required=True)
    v.raise_if_any()
    playground = await approved_for_action(session, actor, playground_id)
    report = await ConditionReportRepository(session).add(
        ConditionReport(
            playground_id=playground.id,
            reporter_id=actor.user_id,
            category=category,
            comment=text,
            status=ReportStatus.OPEN,
            created_at=now,
        )
    )
    event = PlaygroundConditionReported(
        playground_id=playground.id,
        report_id=report.id,
        reporter_id=actor.user_id,
        category=category.value,
        comment=report.comment,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return report


async def resolve_report(
    session: AsyncSession,
    actor: Principal,
    report_id: uuid.UUID,
    resolution: str,
    *,
    now: datetime,
) -> ConditionReport:
    if not actor.is_staff:
        raise AccessDeniedError("Закрывать сообщения о состоянии могут только модераторы")
    v = Validator()
    text = v.text("resolution", resolution, min_len=3, max_len=1000, required=True)
    v.raise_if_any()
    report = await ConditionReportRepository(session).get_for_update(report_id)
    if report is None:
        raise NotFoundError()
    if report.status is not ReportStatus.OPEN:
        raise ReportAlreadyResolvedError()
    report.status = ReportStatus.RESOLVED
    report.resolved_by_id = actor.user_id
    report.resolved_at = now
    report.resolution = text
    await session.flush()
    event = PlaygroundConditionResolved(
        playground_id=report.playground_id,
        report_id=report.id,
        resolved_by=actor.user_id,
        resolution=report.resolution,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return report


async def list_reports(
    session: AsyncSession,
    viewer: Principal,
    *,
    status: ReportStatus | None,
    playground_id: uuid.UUID | None,
    page: PageRequest,
) -> Page[ConditionReport]:
    if not viewer.is_staff:
        raise AccessDeniedError("Список сообщений о состоянии доступен только модераторам")
    return await ConditionReportRepository(session).page(
        status=status, playground_id=playground_id, request=page
    )


async def report_for_triage(
    session: AsyncSession, viewer: Principal | None, report_id: uuid.UUID
) -> ConditionReport:
    """A report for the AI triage: staff, or the worker acting on nobody's behalf (``None``)."""
    if viewer is not None and not viewer.is_staff:
        raise AccessDeniedError("Оценивать сообщения о состоянии могут только модераторы")
    report = await ConditionReportRepository(session).get(report_id)
    if report is None:
        raise NotFoundError()
    return report


async def record_triage(
    session: AsyncSession, report_id: uuid.UUID, severity: Severity, summary: str
) -> ConditionReport:
    """Store the AI triage's severity and summary on the report (resolved ones included)."""
    report = await ConditionReportRepository(session).get_for_update(report_id)
    if report is None:
        raise NotFoundError()
    report.severity, report.summary = severity, summary
    await session.flush()
    return report


def sees_reporter(viewer: Principal | None, report: ConditionReport) -> bool:
    return viewer is not None and (viewer.is_staff or viewer.user_id == report.reporter_id)
