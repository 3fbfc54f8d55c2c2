"""AI series: calls by flow and outcome, tokens by direction, and quota rejections."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.models import AiCall, CallOutcome
from tests.ai.fake_gemini import FakeGemini, answer_json
from tests.ai.test_team_concept import CONCEPT, GENERATE
from tests.factories import create_user
from tests.observability.support import sample

FLOW = "generateTeamConcept"
INPUT = {"input": {"idea": "Команда друзей"}}


async def test_calls_tokens_and_rejections_are_counted(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    user = await create_user(session)
    fake.reply(*[answer_json(CONCEPT)] * 10)
    ok_before = sample("prodvor_ai_calls_total", flow=FLOW, outcome="ok")
    in_before = sample("prodvor_ai_tokens_total", flow=FLOW, direction="in")
    out_before = sample("prodvor_ai_tokens_total", flow=FLOW, direction="out")
    limited_before = sample("prodvor_ai_quota_rejections_total", reason="rate_limited")
    latency_before = sample("prodvor_ai_call_duration_seconds_count", flow=FLOW)

    answers = [await ai_gql(GENERATE, INPUT, as_user=user) for _ in range(11)]

    assert answers[-1].data["generateTeamConcept"]["__typename"] == "RateLimited"
    ok = (await session.scalars(select(AiCall).where(AiCall.outcome == CallOutcome.OK))).all()
    assert len(ok) == 10
    assert sample("prodvor_ai_calls_total", flow=FLOW, outcome="ok") == ok_before + 10
    tokens_in = sample("prodvor_ai_tokens_total", flow=FLOW, direction="in") - in_before
    tokens_out = sample("prodvor_ai_tokens_total", flow=FLOW, direction="out") - out_before
    assert tokens_in == sum(call.tokens_in for call in ok) > 0
    assert tokens_out == sum(call.tokens_out for call in ok) > 0
    assert sample("prodvor_ai_call_duration_seconds_count", flow=FLOW) == latency_before + 10
    limited = sample("prodvor_ai_quota_rejections_total", reason="rate_limited")
    assert limited == limited_before + 1
