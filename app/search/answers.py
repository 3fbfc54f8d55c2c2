"""Answering from retrieved passages with citations: shared by the FAQ bot and rules expert.

The model sees numbered passages and must cite the ids it used; ``refine`` keeps only
citations of passages it was shown (titles from our data, never from the model) and turns an
answer that cites nothing into a refusal. With no passage above the relevance threshold the
flow answers "I don't know" without calling the model at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from pydantic import BaseModel, Field

from app.ai.registry import FlowCall, Gathered
from app.search.embedders import build_embedder
from app.search.retrieval import Hit
from app.search.service import passages


class Citation(BaseModel):
    """Источник, на который опирается ответ."""

    source_id: uuid.UUID = Field(description="Идентификатор источника (вопроса справки, правил).")
    title: str = Field(description="Заголовок источника.")


class SourcedAnswer(BaseModel):
    """Ответ по нашим материалам со ссылками на использованные источники."""

    answered: bool = Field(description="Нашёлся ли ответ в материалах.")
    answer: str = Field(max_length=3000, description="Текст ответа.")
    citations: list[Citation] = Field(
        max_length=5, description="Источники, на которые опирается ответ."
    )


def declined(text: str) -> SourcedAnswer:
    return SourcedAnswer(answered=False, answer=text, citations=[])


async def retrieve_for(
    call: FlowCall, question: str, *, source_type: str, sport_id: uuid.UUID | None
) -> list[Hit]:
    embedder = build_embedder(call.settings, call.gateway) if call.gateway else None
    return await passages(
        call.session,
        call.principal(),
        question,
        source_type=source_type,
        sport_id=sport_id,
        settings=call.settings.search,
        embedder=embedder,
    )


def gathered(question: str, hits: Sequence[Hit], decline: str) -> Gathered:
    if not hits:
        return Gathered({"question": question}, answer=declined(decline))
    data = {
        "question": question,
        "passages": [
            {"id": str(hit.source_id), "title": hit.title, "text": hit.body} for hit in hits
        ],
    }
    return Gathered(data, refine=_refiner(hits, decline))


def _refiner(hits: Sequence[Hit], decline: str) -> Callable[[SourcedAnswer], SourcedAnswer]:
    titles = {hit.source_id: hit.title for hit in hits}

    def refine(answer: SourcedAnswer) -> SourcedAnswer:
        cited = dict.fromkeys(c.source_id for c in answer.citations if c.source_id in titles)
        if not answer.answered or not cited:
            return declined(decline)
        citations = [Citation(source_id=sid, title=titles[sid]) for sid in cited]
        return SourcedAnswer(answered=True, answer=answer.answer, citations=citations)

    return refine
