from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

PURCHASE_PER_USER = policy("store.purchase", Scope.USER, 20, timedelta(minutes=1))
