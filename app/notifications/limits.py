"""How often users may call the notifications domain's expensive operations."""

from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

HOUR = timedelta(hours=1)

REGISTER_PUSH_PER_USER = policy("notifications.register_push", Scope.USER, 20, HOUR)
"""Every subscription makes the worker send to a push service for each notification."""
