"""Suggested chat replies: three short answers the caller could send next (members only)."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from app.ai.chat_context import transcript
from app.ai.prompts import Prompt
from app.ai.registry import Cost, Flow, FlowCall, Gathered, register
from app.chat import assistant
from app.errors import NotFoundError

HISTORY = 20


class ChatRef(BaseModel):
    chat_id: uuid.UUID = Field(description="Чат, в котором я участник.")


class ChatReplySuggestions(BaseModel):
    """Варианты ответа в чате."""

    suggestions: list[str] = Field(
        min_length=3, max_length=3, description="Три коротких варианта ответа (до 100 символов)."
    )


async def gather(call: FlowCall, ref: ChatRef) -> Gathered:
    messages = await assistant.recent_messages(
        call.session, call.principal(), ref.chat_id, limit=HISTORY
    )
    if messages is None:
        raise NotFoundError("Чат не найден")
    return Gathered({"conversation": await transcript(call, messages)})


CHAT_REPLIES = register(
    Flow(
        name="suggestChatReplies",
        description="Три варианта ответа по последним сообщениям чата (участникам чата).",
        input=ChatRef,
        output=ChatReplySuggestions,
        prompt=Prompt(
            "chat-replies@1",
            "Предложи ровно три коротких (до 100 символов) и разных по смыслу варианта "
            "следующего сообщения от лица участника, у которого mine = true, продолжающих "
            "переписку. Пиши естественно, как в мессенджере, без кавычек и нумерации. Если "
            "переписки нет, предложи три дружелюбных приветствия.",
        ),
        gather=gather,
        cost=Cost.LIGHT,
    )
)
