"""The ``ai`` worker: flows that run on events.

The condition-report triage runs for every new report, on nobody's behalf. Without a key it
leaves the report alone (moderators can run ``triageConditionReport`` later); a failure worth
retrying is raised so the consumer retries it with backoff and dead-letters it in the end.

The team chatbot answers chat messages that start with ``@ai``, as their author: the author's
permissions decide what it reads and the author's quota pays. A spent quota or per-minute
limit posts nothing: the team chat stays free of notices about one member's limits, and the
author sees the refusal (with ``retryAfter``) by asking again with ``answerTeamChatMention``.
The assistant's own answers have no sender and are never answered.
"""

from __future__ import annotations

import uuid

import structlog

from app.ai.errors import AiFailedError, AiUnavailableError, QuotaExceededError
from app.ai.flows.team_chatbot import TEAM_CHATBOT, mentions_assistant
from app.ai.registry import FlowCall, get
from app.ai.service import run_flow
from app.auth.principal import Principal
from app.auth.roles import parse_roles
from app.chat import assistant
from app.chat.events import ChatMessagePosted
from app.errors import AccessDeniedError, NotFoundError, ValidationError
from app.events.worker import HandlerContext, Worker
from app.playgrounds.events import PlaygroundConditionReported
from app.ratelimit.errors import RateLimitedError
from app.users import service as users

log = structlog.get_logger(__name__)


async def triage_report(ctx: HandlerContext, event: PlaygroundConditionReported) -> None:
    container = ctx.services
    call = FlowCall(session=ctx.session, actor=None, now=ctx.now, settings=container.settings)
    flow = get("triageConditionReport")
    try:
        await run_flow(
            call, container.db, container.ai_runtime(), flow, {"report_id": event.report_id}
        )
    except AiUnavailableError:
        return
    except AiFailedError as failed:
        if failed.retryable:
            raise
        log.warning("ai.triage_refused", report_id=str(event.report_id), reason=failed.reason)


async def answer_mention(ctx: HandlerContext, event: ChatMessagePosted) -> None:
    if event.sender_id is None:
        return
    asker = await _principal(ctx, event.sender_id)
    if asker is None or not await _asks_assistant(ctx, asker, event.message_id):
        return
    container = ctx.services
    call = FlowCall(session=ctx.session, actor=asker, now=ctx.now, settings=container.settings)
    raw = {"message_id": event.message_id}
    try:
        await run_flow(call, container.db, container.ai_runtime(), TEAM_CHATBOT, raw)
    except (AiUnavailableError, NotFoundError, AccessDeniedError, ValidationError):
        return  # no key, or the author left, deleted the message or it was answered meanwhile
    except (QuotaExceededError, RateLimitedError) as refused:
        log.info("ai.chatbot_refused", message_id=str(event.message_id), code=refused.code)
    except AiFailedError as failed:
        if failed.retryable:
            raise
        log.warning("ai.chatbot_failed", message_id=str(event.message_id), reason=failed.reason)


async def _principal(ctx: HandlerContext, user_id: uuid.UUID) -> Principal | None:
    found = (await users.users_by_id(ctx.session, [user_id])).get(user_id)
    if found is None or found.is_banned(ctx.now):
        return None
    return Principal(user_id=found.id, subject=found.subject, roles=parse_roles(found.roles))


async def _asks_assistant(ctx: HandlerContext, asker: Principal, message_id: uuid.UUID) -> bool:
    """A team-chat message of the asker's with ``@ai`` (most messages stop here, cheaply)."""
    try:
        question = await assistant.team_question(ctx.session, asker, message_id)
    except NotFoundError:
        return False
    return mentions_assistant(question.message.text) and not question.answered


AI = Worker(
    "ai",
    {PlaygroundConditionReported: [triage_report], ChatMessagePosted: [answer_mention]},
)
