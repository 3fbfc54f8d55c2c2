"""Text to speech (match commentary and the like): a WAV file, returned as a URL."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.ai.prompts import Prompt
from app.ai.registry import Cost, Flow, FlowCall, Gathered, MediaFile, Mode, register


class SpeechRequest(BaseModel):
    text: str = Field(min_length=1, max_length=2000, description="Что озвучить.")


async def gather(call: FlowCall, request: SpeechRequest) -> Gathered:
    return Gathered({}, speech=request.text)


SPEECH = register(
    Flow(
        name="synthesizeSpeech",
        description="Озвучить текст (например, комментарий к матчу); ответ — адрес WAV-файла.",
        input=SpeechRequest,
        output=MediaFile,
        prompt=Prompt("speech@1", "Озвучь текст живо, как спортивный комментатор."),
        gather=gather,
        mode=Mode.SPEECH,
        cost=Cost.HEAVY,
    )
)
