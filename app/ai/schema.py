"""One typed GraphQL operation per registered flow, and the catalogue queries.

Structured, image and speech flows become mutations ``flowName(input): FlowNameResult`` whose
union holds ``FlowNamePayload { output, cached }`` and the typed errors; streaming flows become
subscriptions yielding ``AiTextChunk`` parts (or one error member). The input and output
types are generated from the flow's pydantic models (``generated.py``).
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator, Callable
from functools import reduce
from operator import or_
from typing import Annotated, Any

import strawberry
from strawberry.permission import BasePermission

from app.ai import quota, registry
from app.ai.generated import from_graphql, input_type, output_type, to_graphql
from app.ai.registry import Flow, FlowCall, Mode
from app.ai.service import prepare, run_flow, stream_flow
from app.ai.types import (
    AiFailed,
    AiFlow,
    AiFlows,
    AiTextChunk,
    AiUnavailable,
    AiUsage,
    QuotaExceeded,
)
from app.errors import DomainError
from app.graphql.context import Context, Info
from app.graphql.errors import NotFound, ValidationFailed, as_user_error
from app.graphql.fields import mutation
from app.graphql.permissions import authenticated, roles
from app.graphql.subscriptions import event_session
from app.ratelimit.types import RateLimited

ERRORS = (ValidationFailed, NotFound, AiUnavailable, AiFailed, QuotaExceeded, RateLimited)


def flow_call(context: Context, session: Any = None) -> FlowCall:
    return FlowCall(
        session=session or context.session,
        actor=context.actor(),
        now=context.now(),
        settings=context.container.settings,
        gateway=context.container.ai_runtime().gateway,
    )


def _names(flow: Flow[Any, Any]) -> tuple[str, str, str, str]:
    title = flow.name[:1].upper() + flow.name[1:]
    attribute = re.sub(r"([A-Z])", r"_\1", flow.name).lower()
    return attribute, f"{title}Input", f"{title}Payload", f"{title}Result"


def _permissions(flow: Flow[Any, Any]) -> list[type[BasePermission]]:
    return roles(*flow.roles) if flow.roles else authenticated()


def _payload(name: str, flow: Flow[Any, Any]) -> type:
    namespace = {
        "__annotations__": {"output": output_type(flow.output), "cached": bool},
        "cached": strawberry.field(description="Ответ взят из кэша одинаковых запросов."),
    }
    return strawberry.type(type(name, (), namespace))


def _mutation(flow: Flow[Any, Any]) -> tuple[str, Any]:
    attribute, input_name, payload_name, result_name = _names(flow)
    payload = _payload(payload_name, flow)
    result = _union(result_name, payload, *ERRORS)

    async def resolve(self: Any, info: Info, input: Any) -> Any:
        context = info.context
        db, ai = context.container.db, context.container.ai_runtime()
        done = await run_flow(flow_call(context), db, ai, flow, from_graphql(input))
        return payload(output=to_graphql(done.output), cached=done.cached)

    resolve.__annotations__ = {"info": Info, "input": input_type(input_name, flow.input)}
    resolve.__annotations__["return"] = result
    field = mutation(permission_classes=_permissions(flow), description=flow.description)
    return attribute, field(resolve)


def _subscription(flow: Flow[Any, Any]) -> tuple[str, Any]:
    attribute, input_name, _, result_name = _names(flow)
    event_name = result_name.removesuffix("Result") + "Event"
    event = _union(event_name, AiTextChunk, *ERRORS)

    async def resolve(self: Any, info: Info, input: Any) -> AsyncGenerator[Any, None]:
        context = info.context
        db, ai = context.container.db, context.container.ai_runtime()
        try:
            async with event_session(context) as session:
                call = flow_call(context, session)
                prepared = await prepare(call, ai, flow, from_graphql(input))
            async for text in stream_flow(call, db, ai, prepared):
                yield AiTextChunk(text=text, done=False)
        except DomainError as error:
            yield _member(error)
            return
        yield AiTextChunk(text="", done=True)

    resolve.__annotations__ = {"info": Info, "input": input_type(input_name, flow.input)}
    resolve.__annotations__["return"] = AsyncGenerator[event, None]  # type: ignore[valid-type]
    field = strawberry.subscription(
        permission_classes=_permissions(flow), description=flow.description
    )
    return attribute, field(resolve)


def _union(name: str, *members: type) -> Any:
    return Annotated[reduce(or_, members), strawberry.union(name)]


def _member(error: DomainError) -> Any:
    member = as_user_error(error)
    if member is None:
        raise error
    return member


def _root(name: str, fields: list[tuple[str, Any]]) -> type:
    return strawberry.type(type(name, (), dict(fields)))


def _build(select: Callable[[Flow[Any, Any]], bool], make: Any) -> list[tuple[str, Any]]:
    return [make(flow) for flow in registry.flows() if select(flow)]


AiMutation = _root("AiMutation", _build(lambda f: f.mode is not Mode.STREAM, _mutation))
AiSubscription = _root("AiSubscription", _build(lambda f: f.mode is Mode.STREAM, _subscription))


@strawberry.type
class AiQuery:
    @strawberry.field(
        permission_classes=authenticated(),
        description="Сценарии ИИ, доступные вызывающему, и его оставшийся лимит.",
    )
    async def ai_flows(self, info: Info) -> AiFlows:
        context, actor = info.context, info.context.actor()
        standing = await quota.standing(context.session, actor, now=context.now())
        visible = [f for f in registry.flows() if not f.roles or actor.has_any_role(*f.roles)]
        return AiFlows(
            available=context.container.ai_runtime().gateway.available,
            flows=[AiFlow.from_flow(flow) for flow in visible],
            quota=AiUsage.from_standing(standing),
        )

    @strawberry.field(
        permission_classes=authenticated(), description="Мои лимиты ИИ и их расход сегодня."
    )
    async def ai_usage(self, info: Info) -> AiUsage:
        context = info.context
        standing = await quota.standing(context.session, context.actor(), now=context.now())
        return AiUsage.from_standing(standing)
