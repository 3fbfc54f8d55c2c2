"""Chat messages as prompt data: who wrote what, oldest first (always inside ``<data>``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.ai.registry import FlowCall
from app.chat.models import ChatMessage
from app.users import service as users

ASSISTANT = "ИИ-ассистент"


async def transcript(call: FlowCall, messages: Sequence[ChatMessage]) -> list[dict[str, Any]]:
    actor = call.principal()
    senders = sorted({m.sender_id for m in messages if m.sender_id is not None})
    names = await users.users_by_id(call.session, senders)
    return [
        {
            "author": _author(m, names),
            "mine": m.sender_id == actor.user_id,
            "text": m.text,
        }
        for m in messages
    ]


def _author(message: ChatMessage, names: dict[Any, Any]) -> str:
    if message.sender_id is None:
        return ASSISTANT
    user = names.get(message.sender_id)
    return user.display_name if user is not None else "Игрок"
