"""Running a flow: input, context, availability, cache, quota, the call, audit and usage.

The order matters: the caller's permissions are checked first (``gather`` reads through our
services as the caller), so a refused caller learns nothing more from ``AiUnavailable``. Audit
rows, usage and cache entries are written in transactions of their own, so they survive a
failed call and the rollback of the operation that made it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import structlog
from opentelemetry import trace
from pydantic import BaseModel, create_model, model_validator
from pydantic import ValidationError as PydanticError

from app.ai import quota
from app.ai.errors import AiFailedError, AiUnavailableError, QuotaExceededError
from app.ai.gateway import PromptRequest, ToolSpec, Usage
from app.ai.media import new_key
from app.ai.models import AiCacheEntry, AiCall, CallOutcome
from app.ai.prompts import data_block
from app.ai.registry import Flow, FlowCall, Gathered, MediaFile, Mode, Tool
from app.ai.repository import AiRepository
from app.ai.runtime import AiRuntime
from app.auth.principal import Principal
from app.db import Database
from app.errors import DomainError, FieldCode, FieldIssue, ValidationError
from app.observability.ai import finish_ai_span, start_ai_span
from app.observability.metrics import record_ai_call, record_ai_rejection
from app.ratelimit.errors import RateLimitedError

log = structlog.get_logger(__name__)

PYDANTIC_CODES = {
    "string_too_long": FieldCode.TOO_LONG,
    "too_long": FieldCode.TOO_LONG,
    "string_too_short": FieldCode.TOO_SHORT,
    "too_short": FieldCode.TOO_SHORT,
    "missing": FieldCode.REQUIRED,
    "greater_than_equal": FieldCode.OUT_OF_RANGE,
    "less_than_equal": FieldCode.OUT_OF_RANGE,
}


@dataclass(frozen=True)
class FlowResult:
    output: BaseModel
    cached: bool


@dataclass(frozen=True)
class Prepared:
    flow: Flow[Any, Any]
    data: Any
    """The validated input."""
    request: PromptRequest
    input_hash: str
    gathered: Gathered


async def run_flow(
    call: FlowCall, db: Database, ai: AiRuntime, flow: Flow[Any, Any], raw: Mapping[str, Any]
) -> FlowResult:
    prepared = await prepare(call, ai, flow, raw)
    if prepared.gathered.answer is not None:
        return await _answer_without_model(call, db, prepared, prepared.gathered.answer)
    if flow.cacheable:
        hit = await _cached(call, db, prepared)
        if hit is not None:
            await _apply(call, prepared, hit)
            return FlowResult(hit, cached=True)
    await _admit(call, db, prepared)
    started, span = time.monotonic(), _span(prepared)
    try:
        with trace.use_span(span, end_on_exit=False):
            output, usage = await _produce(call, ai, prepared)
    except AiFailedError as failed:
        usage = Usage(failed.tokens_in, failed.tokens_out)
        await _finish(call, db, prepared, started, usage, CallOutcome.FAILED, failed.reason, span)
        raise
    if prepared.gathered.refine is not None:
        output = prepared.gathered.refine(output)
    await _finish(call, db, prepared, started, usage, CallOutcome.OK, span=span)
    if flow.cacheable:
        await _store(call, db, prepared, output)
    await _apply(call, prepared, output)
    return FlowResult(output, cached=False)


async def _answer_without_model(
    call: FlowCall, db: Database, prepared: Prepared, answer: BaseModel
) -> FlowResult:
    """Counted and audited like a call (it used retrieval), at no token cost."""
    await _admit(call, db, prepared)
    await _finish(call, db, prepared, time.monotonic(), Usage(), CallOutcome.OK)
    await _apply(call, prepared, answer)
    return FlowResult(answer, cached=False)


async def _apply(call: FlowCall, prepared: Prepared, output: BaseModel) -> None:
    if prepared.flow.apply is not None:
        await prepared.flow.apply(call, prepared.data, output)


async def stream_flow(
    call: FlowCall, db: Database, ai: AiRuntime, prepared: Prepared
) -> AsyncIterator[str]:
    """The text of a streaming flow as it comes; ``prepare`` it (and check access) first.

    A client that leaves early ends the call; it is audited as ``CANCELLED``.
    """
    await _admit(call, db, prepared)
    started, usage, span = time.monotonic(), Usage(), _span(prepared)
    outcome, error = CallOutcome.FAILED, "CANCELLED"
    try:
        async for part in ai.gateway.stream(prepared.request):
            usage = part.usage or usage
            if part.text:
                yield part.text
        outcome, error = CallOutcome.OK, ""
    except AiFailedError as failed:
        usage, error = usage + Usage(failed.tokens_in, failed.tokens_out), failed.reason
        raise
    finally:
        await _finish(call, db, prepared, started, usage, outcome, error or None, span)


async def prepare(
    call: FlowCall, ai: AiRuntime, flow: Flow[Any, Any], raw: Mapping[str, Any]
) -> Prepared:
    """Validate the input, gather the context as the caller, and build the request."""
    data = parse_input(flow.input, raw)
    gathered = await flow.gather(call, data)
    if gathered.answer is None and not ai.gateway.available:
        raise AiUnavailableError()
    request = PromptRequest(
        model=flow.model(call.settings),
        system=flow.prompt.system(),
        user=data_block(gathered.data) if gathered.speech is None else gathered.speech,
        tools=[_spec(call, tool) for tool in gathered.tools],
    )
    return Prepared(flow, data, request, _hash(flow, request), gathered)


def parse_input(model: type[BaseModel], raw: Mapping[str, Any]) -> Any:
    try:
        return model.model_validate(raw)
    except PydanticError as invalid:
        raise ValidationError([_issue(error) for error in invalid.errors()]) from None


def _issue(error: Any) -> FieldIssue:
    path = ".".join(_camel(str(part)) for part in error["loc"])
    return FieldIssue(
        path, PYDANTIC_CODES.get(error["type"], FieldCode.INVALID_FORMAT), error["msg"]
    )


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.title() for word in rest)


def _hash(flow: Flow[Any, Any], request: PromptRequest) -> str:
    parts = [flow.name, flow.prompt.version, request.model, request.system, request.user]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _spec(call: FlowCall, tool: Tool[Any]) -> ToolSpec:
    async def invoke(arguments: dict[str, Any]) -> dict[str, Any]:
        try:
            args = tool.args.model_validate(arguments)
            return dict(await tool.run(call, args))
        except PydanticError:
            return {"error": "INVALID_ARGUMENTS"}
        except DomainError as refused:
            return {"error": refused.code}

    return ToolSpec(tool.name, tool.description, tool.args.model_json_schema(), invoke)


async def _produce(call: FlowCall, ai: AiRuntime, prepared: Prepared) -> tuple[BaseModel, Usage]:
    flow, request = prepared.flow, prepared.request
    if flow.mode is Mode.IMAGE:
        media = await ai.gateway.generate_image(request)
    elif flow.mode is Mode.SPEECH:
        media = await ai.gateway.synthesize_speech(request, voice=call.settings.ai.speech_voice)
    else:
        checked = _checked(flow.output, prepared.gathered.check)
        structured = await ai.gateway.generate_structured(request, checked)
        output: BaseModel = structured.output
        if checked is not flow.output:
            output = flow.output.model_validate(output.model_dump())
        return output, structured.usage
    key = new_key(f"ai/{flow.name}", media.content_type)
    url = await ai.media.put(key, media.data, media.content_type)
    return MediaFile(url=url, content_type=media.content_type), media.usage


def _checked(model: type[BaseModel], check: Callable[[Any], None] | None) -> type[BaseModel]:
    """The output model with the request's own rules (``Gathered.check``) as a validator."""
    if check is None:
        return model

    def validate(answer: BaseModel) -> BaseModel:
        check(answer)
        return answer

    validators: dict[str, Any] = {"in_context": model_validator(mode="after")(validate)}
    checked: type[BaseModel] = create_model(
        model.__name__, __base__=model, __validators__=validators
    )
    return checked


async def _cached(call: FlowCall, db: Database, prepared: Prepared) -> BaseModel | None:
    async with db.transaction() as session:
        found = await AiRepository(session).cached(prepared.input_hash, call.now)
        if found is None:
            return None
        await AiRepository(session).record(_row(call, prepared, Usage(), 0, CallOutcome.CACHED))
    output: BaseModel = prepared.flow.output.model_validate(found)
    return output


async def _store(call: FlowCall, db: Database, prepared: Prepared, output: BaseModel) -> None:
    ttl = timedelta(seconds=call.settings.ai.cache_ttl_s)
    entry = AiCacheEntry(
        key=prepared.input_hash,
        flow=prepared.flow.name,
        output=output.model_dump(mode="json"),
        created_at=call.now,
        expires_at=call.now + ttl,
    )
    async with db.transaction() as session:
        await AiRepository(session).store(entry)


async def _admit(call: FlowCall, db: Database, prepared: Prepared) -> None:
    if call.actor is None:
        return
    per_minute = call.settings.rate_limit.enabled
    try:
        async with db.transaction() as session:
            cost = int(prepared.flow.cost)
            await quota.admit(session, call.actor, cost, now=call.now, per_minute=per_minute)
    except (QuotaExceededError, RateLimitedError) as refused:
        outcome = (
            CallOutcome.QUOTA_EXCEEDED
            if isinstance(refused, QuotaExceededError)
            else CallOutcome.RATE_LIMITED
        )
        record_ai_rejection(outcome.value.lower())
        async with db.transaction() as session:
            await AiRepository(session).record(_row(call, prepared, Usage(), 0, outcome))
        raise


async def _finish(
    call: FlowCall,
    db: Database,
    prepared: Prepared,
    started: float,
    usage: Usage,
    outcome: CallOutcome,
    error: str | None = None,
    span: trace.Span | None = None,
) -> None:
    seconds = time.monotonic() - started
    latency_ms = int(seconds * 1000)
    flow, tokens_in, tokens_out = prepared.flow.name, usage.tokens_in, usage.tokens_out
    record_ai_call(
        flow, outcome.value.lower(), tokens_in=tokens_in, tokens_out=tokens_out, seconds=seconds
    )
    if span is not None:
        finish_ai_span(
            span, outcome=outcome.value.lower(), tokens_in=tokens_in, tokens_out=tokens_out
        )
    async with db.transaction() as session:
        repo = AiRepository(session)
        await repo.record(_row(call, prepared, usage, latency_ms, outcome, error))
        if call.actor is not None:
            tokens = usage.tokens_in + usage.tokens_out
            await quota.charge(session, call.actor.user_id, tokens, now=call.now)
    log.info(
        "ai.call",
        flow=prepared.flow.name,
        outcome=outcome.value,
        error=error,
        tokens_in=usage.tokens_in,
        tokens_out=usage.tokens_out,
        latency_ms=latency_ms,
    )


def _span(prepared: Prepared) -> trace.Span:
    flow = prepared.flow
    return start_ai_span(flow.name, prepared.request.model, flow.prompt.version)


def _row(
    call: FlowCall,
    prepared: Prepared,
    usage: Usage,
    latency_ms: int,
    outcome: CallOutcome,
    error: str | None = None,
) -> AiCall:
    actor: Principal | None = call.actor
    return AiCall(
        user_id=actor.user_id if actor else None,
        flow=prepared.flow.name,
        prompt_version=prepared.flow.prompt.version,
        model=prepared.request.model,
        input_hash=prepared.input_hash,
        tokens_in=usage.tokens_in,
        tokens_out=usage.tokens_out,
        latency_ms=latency_ms,
        outcome=outcome,
        error=error,
        created_at=call.now,
    )
