from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

CLAIM_PER_USER = policy("quests.claim_reward", Scope.USER, 30, timedelta(minutes=1))
