"""How often users may write to chats: every write fans out to all members' devices."""

from __future__ import annotations

from datetime import timedelta

from app.ratelimit.service import Scope, policy

SEND_PER_USER = policy("chat.send_message", Scope.USER, 20, timedelta(seconds=10))
CHANGE_PER_USER = policy("chat.change_message", Scope.USER, 30, timedelta(minutes=1))
TYPING_PER_USER = policy("chat.typing", Scope.USER, 30, timedelta(minutes=1))
