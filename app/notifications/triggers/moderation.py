"""The reporter hears that their report was looked at; a warned user hears the warning."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.moderation.events import UserReportResolved, UserWarned
from app.notifications.catalogue import NotificationType
from app.notifications.service import Entity, Notice
from app.notifications.triggers.base import Trigger, name_of

OUTCOMES = {
    "NO_ACTION": "нарушений не найдено",
    "WARN": "игрок получил предупреждение",
    "TEMP_BAN": "игрок временно заблокирован",
    "PERM_BAN": "игрок заблокирован навсегда",
}


async def report_resolved(session: AsyncSession, event: UserReportResolved) -> list[Notice]:
    name = await name_of(session, event.reported_user_id)
    outcome = OUTCOMES.get(event.action, "жалоба рассмотрена")
    return [
        Notice(
            type=NotificationType.USER_REPORT_RESOLVED,
            recipients=[event.reporter_id],
            title="Ваша жалоба рассмотрена",
            body=f"Жалоба на игрока {name} рассмотрена модератором: {outcome}.",
            link="/support",
            entity=Entity("user_report", event.report_id),
        )
    ]


async def warned(session: AsyncSession, event: UserWarned) -> list[Notice]:
    reason = f" Причина: {event.note}" if event.note else ""
    return [
        Notice(
            type=NotificationType.MODERATION_WARNING,
            recipients=[event.user_id],
            title="Предупреждение от модератора",
            body=(
                f"Модератор вынес вам предупреждение.{reason} "
                "Повторные нарушения ведут к блокировке."
            ),
            link="/support",
            entity=Entity("user", event.user_id),
        )
    ]


TRIGGERS: dict[type, Trigger] = {UserReportResolved: report_resolved, UserWarned: warned}
