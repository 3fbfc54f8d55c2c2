"""Flows in the Genkit style: a flow is a declaration, and the registry knows them all.

A flow names its typed input and output (pydantic models), a versioned prompt, the model kind,
a cost class (its weight in the per-minute limit), whether identical requests may reuse a
cached answer, and ``gather``: how it loads its context, and which tools the model may call,
through our services with the caller's permissions (flows take ids, not client-sent stats).
``app/ai/schema.py`` turns every registered flow into one typed GraphQL operation. Adding a
flow is one module in ``app/ai/flows/`` that calls ``register``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.gateway import Gateway
from app.ai.prompts import Prompt
from app.auth.principal import Principal
from app.auth.roles import Role
from app.settings import Settings

In = TypeVar("In", bound=BaseModel)
Out = TypeVar("Out", bound=BaseModel)
A = TypeVar("A", bound=BaseModel)


class Mode(StrEnum):
    STRUCTURED = "STRUCTURED"
    """A JSON answer validated against the output model (one repair attempt)."""
    STREAM = "STREAM"
    """Free text streamed as it is generated, through a subscription."""
    IMAGE = "IMAGE"
    SPEECH = "SPEECH"


class Cost(IntEnum):
    """Requests a call counts for in the per-minute limit."""

    LIGHT = 1
    STANDARD = 2
    HEAVY = 5


@dataclass(frozen=True)
class FlowCall:
    """Who runs a flow and with what: services see ``actor``'s permissions through ``session``."""

    session: AsyncSession
    actor: Principal | None
    """``None`` for work done on nobody's behalf (a worker)."""
    now: datetime
    settings: Settings
    gateway: Gateway | None = None
    """For flows that use the model beyond the call itself (retrieval embeds the question)."""

    def principal(self) -> Principal:
        if self.actor is None:
            raise RuntimeError("this flow runs on behalf of a user")
        return self.actor


@dataclass(frozen=True)
class Tool(Generic[A]):
    name: str
    description: str
    args: type[A]
    run: Callable[[FlowCall, A], Awaitable[Mapping[str, Any]]]


@dataclass(frozen=True)
class Gathered:
    data: dict[str, Any]
    """What the prompt's data block holds."""
    tools: Sequence[Tool[Any]] = ()
    """Tools the model may call for this request."""
    speech: str | None = None
    """For speech flows: the text to read, sent as it is (a speech model reads, never obeys)."""
    answer: BaseModel | None = None
    """A complete answer that needs no model (retrieval found nothing to answer from)."""
    refine: Callable[[Any], BaseModel] | None = None
    """Checks the model's answer against the context (drops citations of unseen sources)."""
    check: Callable[[Any], None] | None = None
    """Rules the answer must meet in this context (ids it may name, dates): its ``ValueError``
    fails validation like a schema error, so the model gets one repair attempt, then
    ``AiFailed``."""


class MediaFile(BaseModel):
    """The output of image and speech flows: a URL of the stored file, never its bytes."""

    url: str = Field(description="Адрес файла.")
    content_type: str = Field(description="MIME-тип файла.")


class Answer(BaseModel):
    """The output of streaming flows: the whole text, in parts."""

    text: str


@dataclass(frozen=True)
class Flow(Generic[In, Out]):
    name: str
    """The GraphQL operation, ``verbNoun`` (``generateTeamConcept``)."""
    description: str
    input: type[In]
    output: type[Out]
    prompt: Prompt
    gather: Callable[[FlowCall, In], Awaitable[Gathered]]
    mode: Mode = Mode.STRUCTURED
    cost: Cost = Cost.STANDARD
    cacheable: bool = False
    """Only for flows whose context is the same for every caller (no private data)."""
    roles: tuple[Role, ...] = ()
    """Realm roles one of which the caller must hold; empty: any signed-in user."""
    apply: Callable[[FlowCall, In, Out], Awaitable[None]] | None = None
    """What a successful answer changes (e.g. the triage stores it on the report)."""

    def model(self, settings: Settings) -> str:
        ai = settings.ai
        return {Mode.IMAGE: ai.image_model, Mode.SPEECH: ai.speech_model}.get(
            self.mode, ai.text_model
        )


_FLOWS: dict[str, Flow[Any, Any]] = {}


def register(flow: Flow[In, Out]) -> Flow[In, Out]:
    if flow.name in _FLOWS:
        raise ValueError(f"flow {flow.name} is declared twice")
    _FLOWS[flow.name] = flow
    return flow


def flows() -> list[Flow[Any, Any]]:
    """Every flow of ``app/ai/flows``, imported on first use, by name."""
    from app.ai import flows as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return sorted(_FLOWS.values(), key=lambda flow: flow.name)


def get(name: str) -> Flow[Any, Any]:
    flows()
    return _FLOWS[name]
