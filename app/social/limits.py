"""How often users may call the social graph's operations that others would feel."""

from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

HOUR = timedelta(hours=1)

FRIEND_REQUESTS_PER_USER = policy("social.friend_request", Scope.USER, 30, HOUR)
FOLLOWS_PER_USER = policy("social.follow", Scope.USER, 120, HOUR)
