"""Per-minute limits and daily token quotas by tier, aiUsage, and the PRO hook."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.entitlements import pro_status
from app.ai.models import AiCall, AiUsageDay, CallOutcome
from app.ai.quota import next_reset, today
from app.auth.roles import Role
from tests.ai.fake_gemini import FakeGemini, answer_json
from tests.ai.test_team_concept import CONCEPT, GENERATE
from tests.factories import create_user
from tests.fixtures.app import TestClock

INPUT = {"input": {"idea": "Команда друзей"}}
QUOTA = """
mutation($input: GenerateTeamConceptInput!) {
  generateTeamConcept(input: $input) { __typename ... on QuotaExceeded { code retryAfter } }
}
"""
USAGE = "{ aiUsage { tier requestsPerMinute tokensPerDay requestsToday tokensToday tokensLeft } }"


@pytest.fixture
def pro_users() -> Iterator[set[uuid.UUID]]:
    users: set[uuid.UUID] = set()

    async def reader(session: AsyncSession, user_id: uuid.UUID, *, now: datetime) -> bool:
        return user_id in users

    previous = pro_status.use(reader)
    yield users
    pro_status.use(previous)


async def test_the_per_minute_limit_trips_with_rate_limited(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    """FREE: 10 requests a minute; the concept flow counts 1 each."""
    user = await create_user(session)
    fake.reply(*[answer_json(CONCEPT)] * 10)

    answers = [await ai_gql(GENERATE, INPUT, as_user=user) for _ in range(11)]

    kinds = [a.data["generateTeamConcept"]["__typename"] for a in answers]
    assert kinds == ["GenerateTeamConceptPayload"] * 10 + ["RateLimited"]
    assert len(fake.calls()) == 10
    outcomes = (await session.scalars(select(AiCall.outcome))).all()
    assert sorted(outcomes).count(CallOutcome.RATE_LIMITED) == 1


async def test_the_daily_quota_trips_with_quota_exceeded(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    session.add(AiUsageDay(user_id=user.id, day=today(clock.now()), requests=9, tokens=100_000))

    response = await ai_gql(QUOTA, INPUT, as_user=user)

    assert response.data["generateTeamConcept"] == {
        "__typename": "QuotaExceeded",
        "code": "QUOTA_EXCEEDED",
        "retryAfter": seconds_to_midnight(clock.now()),
    }
    assert fake.requests == []
    outcomes = (await session.scalars(select(AiCall.outcome))).all()
    assert outcomes == [CallOutcome.QUOTA_EXCEEDED]


def seconds_to_midnight(now: datetime) -> int:
    return math.ceil((next_reset(now) - now).total_seconds())


async def test_ai_usage_counts_tokens_and_tiers(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession, pro_users: set[uuid.UUID]
) -> None:
    player = await create_user(session)
    pro = await create_user(session)
    moderator = await create_user(session, roles=[Role.PLAYER, Role.MODERATOR])
    pro_users.add(pro.id)
    fake.reply(answer_json(CONCEPT))
    await ai_gql(GENERATE, INPUT, as_user=player)

    usages = [(await ai_gql(USAGE, as_user=u)).data["aiUsage"] for u in (player, pro, moderator)]

    assert usages == [
        {
            "tier": "FREE",
            "requestsPerMinute": 10,
            "tokensPerDay": 100_000,
            "requestsToday": 1,
            "tokensToday": 120,
            "tokensLeft": 99_880,
        },
        {
            "tier": "PRO",
            "requestsPerMinute": 30,
            "tokensPerDay": 1_000_000,
            "requestsToday": 0,
            "tokensToday": 0,
            "tokensLeft": 1_000_000,
        },
        {
            "tier": "STAFF",
            "requestsPerMinute": 60,
            "tokensPerDay": 5_000_000,
            "requestsToday": 0,
            "tokensToday": 0,
            "tokensLeft": 5_000_000,
        },
    ]
