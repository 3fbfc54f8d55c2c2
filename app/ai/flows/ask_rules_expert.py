"""The referee rules expert: answers from the rules library, citing the documents used."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Cost, Flow, FlowCall, Gathered, register
from app.search.answers import SourcedAnswer, gathered, retrieve_for

DECLINE = "В нашей библиотеке правил нет ответа на этот вопрос. Уточните вид спорта или формат."


class RulesQuestion(BaseModel):
    question: str = Field(min_length=3, max_length=500, description="Вопрос о правилах.")
    sport_id: uuid.UUID | None = Field(
        default=None, description="Вид спорта (с его дисциплинами); без него — по всем."
    )


async def gather(call: FlowCall, request: RulesQuestion) -> Gathered:
    hits = await retrieve_for(
        call, request.question, source_type="RULES", sport_id=request.sport_id
    )
    return gathered(request.question, hits, DECLINE)


ASK_RULES_EXPERT = register(
    Flow(
        name="askRulesExpert",
        description="Вопрос эксперту по правилам: ответ по библиотеке правил со ссылками.",
        input=RulesQuestion,
        output=SourcedAnswer,
        prompt=Prompt(
            "ask-rules-expert@1",
            "Ты опытный судья любительских турниров по уличным видам спорта. Ответь на вопрос "
            "только по приведённым фрагментам правил (passages): кратко, с конкретными "
            "числами и условиями. В citations перечисли id и заголовки использованных "
            "документов. Если во фрагментах нет ответа, верни answered=false и пустой список "
            "citations; не додумывай правил.",
        ),
        gather=gather,
        cost=Cost.STANDARD,
        cacheable=True,
    )
)
