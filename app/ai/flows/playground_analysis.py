"""Playground details analysis: the "AI analysis" card of a playground."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.ai.playground_context import playground_context
from app.ai.prompts import Prompt
from app.ai.registry import Cost, Flow, FlowCall, Gathered, register
from app.ai.values import PlaygroundRef


class PlaygroundAnalysis(BaseModel):
    """Карточка «Анализ ИИ» площадки."""

    title: str = Field(max_length=100, description="Короткий заголовок.")
    vibe: str = Field(max_length=300, description="Атмосфера места.")
    pros: list[str] = Field(max_length=5, description="Плюсы.")
    cons: list[str] = Field(max_length=5, description="Минусы.")
    best_for: str = Field(max_length=200, description="Для чего подходит лучше всего.")


async def gather(call: FlowCall, ref: PlaygroundRef) -> Gathered:
    return Gathered(await playground_context(call, ref.playground_id))


PLAYGROUND_ANALYSIS = register(
    Flow(
        name="analyzePlayground",
        description="Анализ площадки: атмосфера, плюсы, минусы, для чего подходит.",
        input=PlaygroundRef,
        output=PlaygroundAnalysis,
        prompt=Prompt(
            "playground-analysis@1",
            "Ты знаток дворовых спортивных площадок. По описанию площадки дай короткий заголовок, "
            "атмосферу, до пяти плюсов и минусов и для чего она подходит лучше всего. Опирайся "
            "только на данные.",
        ),
        gather=gather,
        cost=Cost.LIGHT,
        cacheable=True,
    )
)
