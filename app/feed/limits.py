from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

MINUTE = timedelta(minutes=1)

POST_STATUS_PER_USER = policy("feed.post_status", Scope.USER, 5, MINUTE)
COMMENT_PER_USER = policy("feed.comment", Scope.USER, 20, MINUTE)
FEED_PER_USER = policy("feed.read", Scope.USER, 120, MINUTE)
