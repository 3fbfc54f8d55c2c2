"""Playground reviews summary: pros and cons from the newest reviews."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.ai.playground_context import playground_context
from app.ai.prompts import Prompt
from app.ai.registry import Cost, Flow, FlowCall, Gathered, register
from app.ai.values import PlaygroundRef
from app.pagination import PageRequest
from app.playgrounds import reviews

REVIEWS_READ = 50


class PlaygroundReviewsSummary(BaseModel):
    """Что хвалят и за что ругают площадку в отзывах."""

    pros: list[str] = Field(max_length=5, description="Что хвалят.")
    cons: list[str] = Field(max_length=5, description="На что жалуются.")


async def gather(call: FlowCall, ref: PlaygroundRef) -> Gathered:
    context = await playground_context(call, ref.playground_id)
    page = await reviews.list_reviews(
        call.session, call.principal(), ref.playground_id, page=PageRequest(first=REVIEWS_READ)
    )
    texts = [
        {"rating": review.rating, "comment": review.comment}
        for review in (page.items if page else [])
        if review.comment
    ]
    return Gathered({"playground": context["name"], "reviews": texts})


PLAYGROUND_REVIEWS = register(
    Flow(
        name="summarizePlaygroundReviews",
        description="Сводка отзывов о площадке: что хвалят и на что жалуются.",
        input=PlaygroundRef,
        output=PlaygroundReviewsSummary,
        prompt=Prompt(
            "playground-reviews@1",
            "Сведи отзывы о площадке в короткие списки: до пяти плюсов и до пяти минусов, без "
            "повторов и без имён авторов. Если отзывов нет, верни пустые списки.",
        ),
        gather=gather,
        cost=Cost.LIGHT,
        cacheable=True,
    )
)
