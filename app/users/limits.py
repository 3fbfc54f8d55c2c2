"""How often users may call the users domain's expensive operations."""

from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

MINUTE = timedelta(minutes=1)

SEARCH_PER_USER = policy("users.search", Scope.USER, 80, MINUTE)
SEARCH_PER_IP = policy("users.search", Scope.IP, 300, MINUTE)
UPDATE_PROFILE_PER_USER = policy("users.update_profile", Scope.USER, 10, MINUTE)
