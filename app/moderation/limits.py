from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

REPORTS_PER_USER = policy("moderation.report_user", Scope.USER, 10, timedelta(hours=1))
