"""Racing requests against a really committing database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.auth.dev_issuer import DevIssuer
from app.db import Database
from app.events.models import OutboxEvent
from app.playgrounds.models import Playground, PlaygroundCheckIn, PlaygroundReview
from app.users.models import User
from tests.factories import create_playground, create_user
from tests.fixtures.app import AppFactory, token_for

REVIEW = """
mutation Review($input: ReviewPlaygroundInput!) { reviewPlayground(input: $input) { __typename } }
"""
CHECK_IN = """
mutation CheckIn($input: CheckInInput!) { checkIn(input: $input) { __typename } }
"""


class Client:
    def __init__(self, client: httpx.AsyncClient, issuer: DevIssuer) -> None:
        self.client = client
        self.issuer = issuer

    async def __call__(self, query: str, variables: dict[str, Any], user: User) -> str:
        headers = {"Authorization": f"Bearer {token_for(self.issuer, user)}"}
        body = {"query": query, "variables": variables}
        response = await self.client.post("/graphql", json=body, headers=headers)
        payload = response.json()
        assert "errors" not in payload, payload
        return str(next(iter(payload["data"].values()))["__typename"])


@pytest.fixture
async def racing(
    committed_database: Database, app_factory: AppFactory, dev_issuer: DevIssuer
) -> AsyncIterator[Client]:
    transport = httpx.ASGITransport(app=app_factory(committed_database))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        yield Client(http, dev_issuer)


async def test_concurrent_reviews_keep_the_average_right(
    committed_database: Database, racing: Client
) -> None:
    async with committed_database.transaction() as session:
        playground = await create_playground(session)
        users = [await create_user(session) for _ in range(8)]
    variables = [
        {"input": {"playgroundId": str(playground.id), "rating": i % 5 + 1}}
        for i in range(len(users))
    ]
    edits = [{"input": {"playgroundId": str(playground.id), "rating": 5}} for _ in range(4)]

    results = await asyncio.gather(
        *(racing(REVIEW, v, user) for v, user in zip(variables, users, strict=True)),
        *(racing(REVIEW, v, user) for v, user in zip(edits, users[:4], strict=True)),
    )

    assert set(results) == {"ReviewPlaygroundPayload"}
    async with committed_database.transaction() as session:
        stored = await session.get(Playground, playground.id)
        ratings = (await session.scalars(select(PlaygroundReview.rating))).all()
        events = await session.scalar(
            select(func.count()).where(OutboxEvent.type == "playground.reviewed")
        )
    assert stored is not None
    assert len(ratings) == len(users)
    assert (stored.review_count, stored.rating_sum) == (len(ratings), sum(ratings))
    assert events == len(users) + len(edits)


async def test_a_double_tap_checks_in_once(committed_database: Database, racing: Client) -> None:
    async with committed_database.transaction() as session:
        playground = await create_playground(session)
        user = await create_user(session)
    variables = {"input": {"playgroundId": str(playground.id)}}

    results = await asyncio.gather(*(racing(CHECK_IN, variables, user) for _ in range(4)))

    assert sorted(results) == ["AlreadyCheckedIn"] * 3 + ["CheckInPayload"]
    async with committed_database.transaction() as session:
        stored = await session.get(Playground, playground.id)
        check_ins = await session.scalar(select(func.count()).select_from(PlaygroundCheckIn))
    assert stored is not None
    assert (stored.check_in_count, check_ins) == (1, 1)
