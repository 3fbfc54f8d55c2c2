"""How often callers may search: each search may embed its query (a paid model call)."""

from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

MINUTE = timedelta(minutes=1)

SEARCH_PER_USER = policy("search.search", Scope.USER, 60, MINUTE)
SEARCH_PER_IP = policy("search.search", Scope.IP, 300, MINUTE)
