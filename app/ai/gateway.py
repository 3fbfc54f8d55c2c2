"""The gateway to a generative model: a small protocol, Gemini behind it (``gemini.py``).

Flows never see google-genai: they hand a ``PromptRequest`` to the gateway and get text,
validated structured output, streamed text, media bytes or embeddings back, with token counts.
``UnavailableGateway`` stands in when no key is configured (the embedded default): every call
fails with ``AiUnavailableError`` at once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel

from app.ai.errors import AiUnavailableError

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Usage:
    tokens_in: int = 0
    tokens_out: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(self.tokens_in + other.tokens_in, self.tokens_out + other.tokens_out)


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """A function the model may call; ``invoke`` runs it with the caller's permissions."""

    name: str
    description: str
    parameters: dict[str, Any]
    """JSON schema of the arguments."""
    invoke: Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class PromptRequest:
    model: str
    system: str
    """The instructions: ours only."""
    user: str
    """The data, user-written text included, delimited and marked as data (``prompts.py``)."""
    tools: Sequence[ToolSpec] = field(default=())


@dataclass(frozen=True, slots=True)
class Structured(Generic[T]):
    output: T
    usage: Usage


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    usage: Usage


@dataclass(frozen=True, slots=True)
class Media:
    data: bytes
    content_type: str
    usage: Usage


@dataclass(frozen=True, slots=True)
class StreamPart:
    text: str
    usage: Usage | None = None
    """Set on the last part only."""


class Gateway(Protocol):
    @property
    def available(self) -> bool: ...

    async def generate(self, request: PromptRequest) -> Text: ...

    async def generate_structured(
        self, request: PromptRequest, output: type[M]
    ) -> Structured[M]: ...

    def stream(self, request: PromptRequest) -> AsyncIterator[StreamPart]: ...

    async def generate_image(self, request: PromptRequest) -> Media: ...

    async def synthesize_speech(self, request: PromptRequest, *, voice: str) -> Media: ...

    async def embed(
        self,
        texts: Sequence[str],
        *,
        model: str,
        dimensions: int | None = None,
        task: str | None = None,
    ) -> list[list[float]]: ...


class UnavailableGateway:
    """No key configured: every flow answers ``AiUnavailable`` immediately."""

    @property
    def available(self) -> bool:
        return False

    async def generate(self, request: PromptRequest) -> Text:
        raise AiUnavailableError()

    async def generate_structured(self, request: PromptRequest, output: type[M]) -> Structured[M]:
        raise AiUnavailableError()

    async def stream(self, request: PromptRequest) -> AsyncIterator[StreamPart]:
        raise AiUnavailableError()
        yield StreamPart("")  # unreachable: makes this an async generator like the others

    async def generate_image(self, request: PromptRequest) -> Media:
        raise AiUnavailableError()

    async def synthesize_speech(self, request: PromptRequest, *, voice: str) -> Media:
        raise AiUnavailableError()

    async def embed(
        self,
        texts: Sequence[str],
        *,
        model: str,
        dimensions: int | None = None,
        task: str | None = None,
    ) -> list[list[float]]:
        raise AiUnavailableError()
