"""How often users may call the playgrounds domain's expensive or spammable operations."""

from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)

SEARCH_PER_USER = policy("playgrounds.search", Scope.USER, 120, MINUTE)
SEARCH_PER_IP = policy("playgrounds.search", Scope.IP, 600, MINUTE)
PROPOSE_PER_USER = policy("playgrounds.propose", Scope.USER, 10, HOUR)
REVIEW_PER_USER = policy("playgrounds.review", Scope.USER, 30, HOUR)
CHECK_IN_PER_USER = policy("playgrounds.check_in", Scope.USER, 30, HOUR)
REPORT_PER_USER = policy("playgrounds.report_condition", Scope.USER, 10, HOUR)
