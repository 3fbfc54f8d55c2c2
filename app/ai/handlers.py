"""The ``ai`` worker: flows that run on events, on nobody's behalf.

The condition-report triage runs for every new report. Without a key it leaves the report
alone (moderators can run ``triageConditionReport`` later); a failure worth retrying is
raised so the consumer retries it with backoff and dead-letters it in the end.
"""

from __future__ import annotations

import structlog

from app.ai.errors import AiFailedError, AiUnavailableError
from app.ai.registry import FlowCall, get
from app.ai.service import run_flow
from app.events.worker import HandlerContext, Worker
from app.playgrounds.events import PlaygroundConditionReported

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


AI = Worker("ai", {PlaygroundConditionReported: [triage_report]})
