"""How often users may call the matches domain's spammable operations."""

from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

CHALLENGE_PER_USER = policy("matches.challenge", Scope.USER, 20, timedelta(hours=1))
"""Each challenge notifies the other captain."""
PROTOCOL_PER_USER = policy("matches.record_event", Scope.USER, 300, timedelta(hours=1))
"""Each protocol entry is fanned out to every live subscriber of the match."""
