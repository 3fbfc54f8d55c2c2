"""How often a user may apply to tournaments or message their participants."""

from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

HOUR = timedelta(hours=1)

APPLICATIONS_PER_USER = policy("tournaments.apply", Scope.USER, 20, HOUR)
ANNOUNCEMENTS_PER_USER = policy("tournaments.announce", Scope.USER, 10, HOUR)
