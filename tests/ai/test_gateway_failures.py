"""Upstream failures: retries with backoff, typed AiFailed, and the key never leaking."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.ai.conftest import API_KEY
from tests.ai.fake_gemini import FakeGemini, answer_json, failure
from tests.ai.test_team_concept import CONCEPT, GENERATE
from tests.factories import create_user

INPUT = {"input": {"idea": "Команда друзей"}}


async def test_429_and_5xx_are_retried_with_backoff(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    user = await create_user(session)
    fake.reply(failure(429), failure(503), answer_json(CONCEPT))

    response = await ai_gql(GENERATE, INPUT, as_user=user)

    assert response.data["generateTeamConcept"]["output"] == CONCEPT
    assert len(fake.calls()) == 3


@pytest.mark.parametrize(
    ("status", "reason", "retryable", "attempts"),
    [
        (500, "UPSTREAM_ERROR", True, 3),
        (429, "UPSTREAM_BUSY", True, 3),
        (400, "UPSTREAM_REJECTED", False, 1),
    ],
)
async def test_failures_that_persist_are_ai_failed(
    ai_gql: Any,
    fake: FakeGemini,
    session: AsyncSession,
    status: int,
    reason: str,
    retryable: bool,
    attempts: int,
) -> None:
    user = await create_user(session)
    fake.reply(*[failure(status)] * 3)

    response = await ai_gql(GENERATE, INPUT, as_user=user)

    assert response.data["generateTeamConcept"] == {
        "__typename": "AiFailed",
        "code": "AI_FAILED",
        "reason": reason,
        "retryable": retryable,
    }
    assert len(fake.calls()) == attempts


async def test_the_key_travels_only_in_the_request_header(
    ai_gql: Any,
    fake: FakeGemini,
    session: AsyncSession,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The fake's error echoes the key; it must reach no response, error or log line."""
    caplog.set_level(logging.DEBUG)
    user = await create_user(session)
    fake.reply(answer_json(CONCEPT), failure(400), *[failure(500)] * 3)

    responses = [await ai_gql(GENERATE, INPUT, as_user=user) for _ in range(3)]
    usage = await ai_gql("{ aiFlows { available quota { tokensToday } } }", as_user=user)

    for sent in fake.requests:
        assert sent.headers["x-goog-api-key"] == API_KEY
        assert API_KEY not in sent.url
        assert API_KEY not in sent.text
        assert not any(API_KEY in v for k, v in sent.headers.items() if k != "x-goog-api-key")
    everything = [repr(r.data) + repr(r.errors) for r in [*responses, usage]]
    assert [r.data["generateTeamConcept"]["__typename"] for r in responses] == [
        "GenerateTeamConceptPayload",
        "AiFailed",
        "AiFailed",
    ]
    assert not any(API_KEY in text for text in everything)
    captured = capsys.readouterr()
    assert API_KEY not in caplog.text + captured.out + captured.err
    assert caplog.text, "something was logged, so the scan means something"
