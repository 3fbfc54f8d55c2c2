"""How often a user may challenge others: each challenge notifies its opponent."""

from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

HOUR = timedelta(hours=1)

CHALLENGES_PER_USER = policy("challenges.create", Scope.USER, 20, HOUR)
