"""The support FAQ bot: answers from the FAQ items retrieved for the question, citing them."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Cost, Flow, FlowCall, Gathered, register
from app.search.answers import SourcedAnswer, gathered, retrieve_for

DECLINE = "В справке нет ответа на этот вопрос. Переформулируйте его или напишите в поддержку."


class SupportQuestion(BaseModel):
    question: str = Field(min_length=3, max_length=500, description="Вопрос о платформе.")


async def gather(call: FlowCall, request: SupportQuestion) -> Gathered:
    hits = await retrieve_for(call, request.question, source_type="FAQ", sport_id=None)
    return gathered(request.question, hits, DECLINE)


ASK_SUPPORT = register(
    Flow(
        name="askSupport",
        description="Вопрос боту поддержки: ответ по справке со ссылками на её статьи.",
        input=SupportQuestion,
        output=SourcedAnswer,
        prompt=Prompt(
            "ask-support@1",
            "Ты бот поддержки платформы уличного спорта ProDvor. Ответь на вопрос пользователя "
            "только по приведённым статьям справки (passages), коротко и по шагам. В citations "
            "перечисли id и заголовки статей, на которые опирается ответ. Если в статьях нет "
            "ответа, верни answered=false и пустой список citations; ничего не придумывай.",
        ),
        gather=gather,
        cost=Cost.STANDARD,
        cacheable=True,
    )
)
