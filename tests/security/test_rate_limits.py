"""Checklist rows 17 and 18: rate limits per user and per IP, held in PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dev_issuer import DevIssuer
from app.db import Database
from app.ratelimit import service
from app.ratelimit.errors import RateLimitedError
from app.ratelimit.models import RateLimitBucket
from app.ratelimit.service import RatePolicy, Scope
from app.users.models import User
from tests.factories import create_user
from tests.fixtures.app import GQL, AppFactory, TestClock, token_for
from tests.fixtures.configured import Configure

SEARCH = "query($q: String) { users(search: $q, first: 5) { nodes { id } } }"
RENAME = """
mutation($name: String!) {
  updateProfile(input: {displayName: $name}) {
    __typename
    ... on RateLimited { code retryAfter }
  }
}
"""
THREE_A_MINUTE = RatePolicy("test.action", Scope.USER, 3, timedelta(minutes=1))


async def test_a_policy_admits_its_limit_then_says_when_to_retry(
    session: AsyncSession, clock: TestClock
) -> None:
    now = clock.now()
    for _ in range(3):
        await service.hit(session, [(THREE_A_MINUTE, "u1")], now=now)

    with pytest.raises(RateLimitedError) as refused:
        await service.hit(session, [(THREE_A_MINUTE, "u1")], now=now)
    await service.hit(session, [(THREE_A_MINUTE, "u2")], now=now)

    assert refused.value.retry_after == 20
    with pytest.raises(RateLimitedError):
        await service.hit(session, [(THREE_A_MINUTE, "u1")], now=now + timedelta(seconds=19))
    await service.hit(session, [(THREE_A_MINUTE, "u1")], now=now + timedelta(seconds=20))


async def test_a_refusal_by_one_policy_reports_the_longest_wait(
    session: AsyncSession, clock: TestClock
) -> None:
    hourly = RatePolicy("test.action", Scope.IP, 1, timedelta(hours=1))
    now = clock.now()
    await service.hit(session, [(THREE_A_MINUTE, "u1"), (hourly, "10.0.0.1")], now=now)

    with pytest.raises(RateLimitedError) as refused:
        await service.hit(session, [(THREE_A_MINUTE, "u1"), (hourly, "10.0.0.1")], now=now)

    assert refused.value.retry_after == 3600


async def test_purge_removes_only_buckets_that_hold_nothing_back(
    session: AsyncSession, clock: TestClock
) -> None:
    now = clock.now()
    await service.hit(session, [(THREE_A_MINUTE, "old")], now=now - timedelta(minutes=5))
    await service.hit(session, [(THREE_A_MINUTE, "fresh")], now=now)

    removed = await service.purge(session, now=now)

    keys = (await session.scalars(select(RateLimitBucket.key))).all()
    assert removed == 1
    assert keys == ["test.action:user:fresh"]


async def test_eighty_searches_a_minute_pass_and_the_next_gets_429(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    for _ in range(80):
        assert (await gql(SEARCH, as_user=user)).errors is None

    refused = await gql(SEARCH, as_user=user)
    headers = {"Authorization": f"Bearer {token_for(gql.issuer, user)}"}
    raw = await gql.client.post("/graphql", json={"query": SEARCH}, headers=headers)
    clock.advance(timedelta(seconds=1))
    later = await gql(SEARCH, as_user=user)

    assert refused.status_code == 429
    assert refused.data is None
    assert refused.errors[0]["extensions"] == {"code": "RATE_LIMITED", "retryAfter": 1}
    assert raw.headers["retry-after"] == "1"
    assert later.errors is None


async def test_searches_from_one_address_are_limited_across_users(
    configure: Configure, session: AsyncSession
) -> None:
    gql = configure(rate_limit={"overrides": {"users.search:ip": 2}})
    first, second = await create_user(session), await create_user(session)

    allowed = [await gql(SEARCH, as_user=user) for user in (first, second)]
    refused = await gql(SEARCH, as_user=second)

    assert [r.status_code for r in allowed] == [200, 200]
    assert refused.status_code == 429


async def test_limits_can_be_switched_off(configure: Configure, session: AsyncSession) -> None:
    gql = configure(rate_limit={"enabled": False, "overrides": {"users.search:user": 1}})
    user = await create_user(session)

    responses = [await gql(SEARCH, as_user=user) for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 200]
    assert await gql.session.scalar(select(func.count()).select_from(RateLimitBucket)) == 0


async def test_aliased_mutations_trip_the_limit_inside_one_request(
    gql: GQL, session: AsyncSession
) -> None:
    """Row 17: 15 aliases (the alias limit) of a mutation limited to 10 a minute."""
    user = await create_user(session, display_name="Исходное")
    fields = " ".join(
        f'r{i}: updateProfile(input: {{displayName: "Имя {i}"}}) '
        "{ __typename ... on RateLimited { retryAfter } }"
        for i in range(15)
    )

    response = await gql(f"mutation {{ {fields} }}", as_user=user)
    flood = await gql("mutation { " + fields.replace(" r", " x") * 7 + " }", as_user=user)

    results = [response.data[f"r{i}"] for i in range(15)]
    assert [r["__typename"] for r in results] == ["UpdateProfilePayload"] * 10 + ["RateLimited"] * 5
    assert all(r["retryAfter"] == 6 for r in results[10:])
    assert await session.scalar(select(User.display_name).where(User.id == user.id)) == "Имя 9"
    assert flood.data is None
    assert flood.error_codes == ["QUERY_LIMIT_EXCEEDED"], "a 105-alias flood never runs"


async def test_limits_hold_across_replicas_and_count_failed_requests(
    committed_database: Database, app_factory: AppFactory, dev_issuer: DevIssuer
) -> None:
    """Two apps (replicas) on one database, twenty concurrent renames, ten allowed in all."""
    async with committed_database.transaction() as session:
        user = await create_user(session)
    headers = {"Authorization": f"Bearer {token_for(dev_issuer, user)}"}
    replicas = [app_factory(committed_database), app_factory(committed_database)]
    clients = [
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        for app in replicas
    ]
    invalid = {"query": RENAME, "variables": {"name": "x"}}

    async with clients[0], clients[1]:
        failed = await clients[0].post("/graphql", json=invalid, headers=headers)
        responses = await asyncio.gather(
            *(
                clients[i % 2].post(
                    "/graphql",
                    json={"query": RENAME, "variables": {"name": f"Имя {i}"}},
                    headers=headers,
                )
                for i in range(20)
            )
        )

    kinds = [r.json()["data"]["updateProfile"]["__typename"] for r in responses]
    assert failed.json()["data"]["updateProfile"]["__typename"] == "ValidationFailed"
    assert kinds.count("UpdateProfilePayload") == 9
    assert kinds.count("RateLimited") == 11


async def test_refused_callers_are_not_counted(gql: GQL, session: AsyncSession) -> None:
    """Permission classes run before the limit, so anonymous calls spend nobody's budget."""
    response = await gql(SEARCH)

    assert response.error_codes == ["UNAUTHENTICATED"]
    assert await session.scalar(select(func.count()).select_from(RateLimitBucket)) == 0
