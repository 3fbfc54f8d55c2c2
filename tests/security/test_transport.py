"""Checklist rows 7, 9, 13, 14 and 15, plus CORS: what reaches GraphQL over HTTP at all."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
import strawberry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.graphql.extensions import INTERNAL_MESSAGE, ErrorPolicy
from app.users.models import User
from tests.factories import create_user
from tests.fixtures.app import token_for
from tests.fixtures.configured import Configure

ME = "query { me { id } }"
RENAME = 'mutation { updateProfile(input: {displayName: "Взломщик"}) { __typename } }'


def codes(response: httpx.Response) -> list[str]:
    return [e["extensions"]["code"] for e in response.json()["errors"]]


# --- 13 and 14. CSRF: GET, forms, content types -------------------------------------------


async def test_mutation_over_get_is_refused_with_405(
    client: httpx.AsyncClient, session: AsyncSession, dev_issuer: object
) -> None:
    user = await create_user(session, display_name="Жертва")
    headers = {"Authorization": f"Bearer {token_for(dev_issuer, user)}"}  # type: ignore[arg-type]

    response = await client.get("/graphql", params={"query": RENAME}, headers=headers)

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert codes(response) == ["METHOD_NOT_ALLOWED"]
    assert await session.scalar(select(User.display_name).where(User.id == user.id)) == "Жертва"


async def test_free_form_queries_over_get_are_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": ME})

    assert response.status_code == 405
    assert codes(response) == ["METHOD_NOT_ALLOWED"]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        pytest.param("application/x-www-form-urlencoded", f"query={RENAME}", id="form"),
        pytest.param(
            "multipart/form-data; boundary=x", f"--x\r\n\r\n{RENAME}\r\n--x--", id="multipart"
        ),
        pytest.param("text/plain", json.dumps({"query": RENAME}), id="text-plain"),
        pytest.param("application/graphql", RENAME, id="application-graphql"),
    ],
)
async def test_non_json_bodies_are_refused_with_415(
    client: httpx.AsyncClient,
    session: AsyncSession,
    dev_issuer: object,
    content_type: str,
    body: str,
) -> None:
    user = await create_user(session, display_name="Жертва")
    headers = {
        "Authorization": f"Bearer {token_for(dev_issuer, user)}",  # type: ignore[arg-type]
        "Content-Type": content_type,
    }

    response = await client.post("/graphql", content=body, headers=headers)

    assert response.status_code == 415
    assert codes(response) == ["UNSUPPORTED_MEDIA_TYPE"]
    assert await session.scalar(select(User.display_name).where(User.id == user.id)) == "Жертва"


@pytest.mark.parametrize("content_type", ["application/json", "application/graphql-response+json"])
async def test_json_content_types_are_accepted(
    client: httpx.AsyncClient, content_type: str
) -> None:
    response = await client.post(
        "/graphql", content=json.dumps({"query": ME}), headers={"Content-Type": content_type}
    )

    assert response.status_code == 200
    assert codes(response) == ["UNAUTHENTICATED"]


# --- 9. batching -------------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 11])
async def test_batches_are_refused(client: httpx.AsyncClient, count: int) -> None:
    response = await client.post("/graphql", json=[{"query": ME}] * count)

    assert response.status_code == 400
    assert codes(response) == ["BATCHING_DISABLED"]


# --- 7 (HTTP part). body size ------------------------------------------------------------


def body_of(size: int) -> bytes:
    """A valid request of exactly ``size`` bytes (the padding is an unused variable)."""
    empty = json.dumps({"query": ME, "variables": {"pad": ""}}).encode()
    padded = json.dumps({"query": ME, "variables": {"pad": "x" * (size - len(empty))}}).encode()
    assert len(padded) == size
    return padded


async def test_two_megabytes_pass_and_one_byte_more_does_not(client: httpx.AsyncClient) -> None:
    headers = {"Content-Type": "application/json"}

    at_limit = await client.post("/graphql", content=body_of(2_000_000), headers=headers)
    past = await client.post("/graphql", content=body_of(2_000_001), headers=headers)

    assert at_limit.status_code == 200
    assert past.status_code == 413
    assert codes(past) == ["PAYLOAD_TOO_LARGE"]


async def test_a_streamed_body_without_length_is_cut_off_at_the_limit(
    client: httpx.AsyncClient,
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        body = body_of(2_000_001)
        for start in range(0, len(body), 65_536):
            yield body[start : start + 65_536]

    response = await client.post(
        "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 413


# --- CORS ------------------------------------------------------------------------------------


async def test_cors_admits_only_listed_origins(configure: Configure) -> None:
    gql = configure(http={"allowed_origins": ["https://prodvor.example"]})
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }

    listed = await gql.client.options(
        "/graphql", headers={"Origin": "https://prodvor.example", **preflight}
    )
    other = await gql.client.options(
        "/graphql", headers={"Origin": "https://evil.example", **preflight}
    )
    simple = await gql.client.post(
        "/graphql", json={"query": ME}, headers={"Origin": "https://evil.example"}
    )

    assert listed.status_code == 200
    assert listed.headers["access-control-allow-origin"] == "https://prodvor.example"
    assert listed.headers["access-control-allow-credentials"] == "true"
    assert other.status_code == 400
    assert "access-control-allow-origin" not in other.headers
    assert "access-control-allow-origin" not in simple.headers


async def test_no_origin_is_allowed_by_default(client: httpx.AsyncClient) -> None:
    response = await client.options(
        "/graphql",
        headers={"Origin": "https://prodvor.example", "Access-Control-Request-Method": "POST"},
    )

    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


# --- 15. error leakage -----------------------------------------------------------------------


def test_an_unexpected_error_is_masked_with_an_error_id() -> None:
    @strawberry.type
    class Query:
        @strawberry.field
        def boom(self) -> str:
            raise RuntimeError("password=hunter2 at db.internal:5432")

    schema = strawberry.Schema(query=Query, extensions=[ErrorPolicy])

    result = schema.execute_sync("{ boom }")

    (error,) = result.errors or []
    assert error.message == INTERNAL_MESSAGE
    assert error.extensions is not None
    assert error.extensions["code"] == "INTERNAL"
    assert len(error.extensions["errorId"]) == 36
    assert "hunter2" not in json.dumps(error.formatted)
