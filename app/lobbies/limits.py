"""How often a user may open lobbies: each one is shown to everyone nearby."""

from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

HOUR = timedelta(hours=1)

LOBBIES_PER_USER = policy("lobbies.create", Scope.USER, 10, HOUR)
