from __future__ import annotations

from app.errors import DomainError


class CannotReportSelfError(DomainError):
    code = "CANNOT_REPORT_SELF"
    default_message = "Нельзя пожаловаться на самого себя"


class ReportAlreadyPendingError(DomainError):
    code = "REPORT_ALREADY_PENDING"
    default_message = "Ваша жалоба на этого игрока уже ждёт рассмотрения"


class UserReportAlreadyResolvedError(DomainError):
    code = "USER_REPORT_ALREADY_RESOLVED"
    default_message = "Жалоба уже рассмотрена"


class CannotSanctionStaffError(DomainError):
    code = "CANNOT_SANCTION_STAFF"
    default_message = "Модератора может заблокировать только администратор"
