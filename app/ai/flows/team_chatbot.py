"""Team chatbot: a member's message with ``@ai`` in their team chat gets an answer there.

The ``ai`` worker runs it on ``chat.message_posted`` as the message's author (their
permissions, their quota: ``app/ai/handlers.py``); the author may also ask again with the
mutation when no answer came (the AI was off, or their quota was spent). The answer is posted
as the assistant, once per asking message, and reaches members through the chat's fan-out.
"""

from __future__ import annotations

import re
import uuid

from pydantic import BaseModel, Field

from app.ai.chat_context import transcript
from app.ai.prompts import Prompt
from app.ai.registry import Flow, FlowCall, Gathered, register
from app.ai.team_context import (
    MATCH_HISTORY,
    PENDING_APPLICATIONS,
    ROSTER,
    SCHEDULE,
    team_context,
)
from app.chat import assistant
from app.errors import FieldCode, FieldIssue, ValidationError

# The rule is a message that starts with @ai: "спроси @ai потом" is talk about the assistant.
MENTION = re.compile(r"\s*@ai\b", re.IGNORECASE)
HISTORY = 10
"""Messages before the question the assistant sees, for the thread of the conversation."""


def mentions_assistant(text: str | None) -> bool:
    return text is not None and MENTION.match(text) is not None


class ChatMention(BaseModel):
    message_id: uuid.UUID = Field(description="Своё сообщение с @ai в чате команды.")


class TeamChatbotAnswer(BaseModel):
    """Ответ ИИ-ассистента в чате команды."""

    answer: str = Field(min_length=1, max_length=1500, description="Текст ответа.")


async def gather(call: FlowCall, mention: ChatMention) -> Gathered:
    actor = call.principal()
    question = await assistant.team_question(call.session, actor, mention.message_id)
    if question.chat.is_closed or question.answered:
        raise _refused("Ассистент уже ответил на это сообщение или чат закрыт")
    if not mentions_assistant(question.message.text):
        raise _refused("В сообщении нет обращения к @ai")
    context = await team_context(call, question.team_id)
    history = await assistant.recent_messages(
        call.session, actor, question.chat.id, limit=HISTORY + 1, up_to_seq=question.message.seq
    )
    return Gathered(
        {
            **context,
            "conversation": await transcript(call, (history or [])[:-1]),
            "question": question.message.text,
        },
        tools=[ROSTER, PENDING_APPLICATIONS, SCHEDULE, MATCH_HISTORY],
    )


async def apply(call: FlowCall, mention: ChatMention, output: TeamChatbotAnswer) -> None:
    await assistant.post_answer(call.session, mention.message_id, output.answer, now=call.now)


def _refused(message: str) -> ValidationError:
    return ValidationError([FieldIssue("messageId", FieldCode.NOT_ALLOWED, message)])


TEAM_CHATBOT = register(
    Flow(
        name="answerTeamChatMention",
        description=(
            "Ответ ИИ-ассистента на своё сообщение с @ai в чате команды; ответ публикуется в "
            "чат (один на сообщение). Обычно приходит сам; это повторный запрос, если его нет."
        ),
        input=ChatMention,
        output=TeamChatbotAnswer,
        prompt=Prompt(
            "team-chatbot@2",
            "Ты ИИ-ассистент в чате любительской команды. Участник обратился к тебе через @ai: "
            "ответь на вопрос из поля question коротко (до пяти предложений), дружелюбно и по "
            "делу, опираясь только на сведения о команде, переписку и ответы инструментов. "
            "Вызывай инструменты этой команды (id в team.id), когда нужно: состав, заявки, "
            "ближайшие матчи (teamSchedule), прошедшие матчи и счёт (teamMatchHistory). Время "
            "называй по-человечески. Если сведений не хватает, так и скажи.",
        ),
        gather=gather,
        apply=apply,
    )
)
