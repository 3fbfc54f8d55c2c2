"""Schemathesis' GraphQL mode over the whole schema, in-process, anonymous and signed in.

Hypothesis generates the operations up front (seeded, so a failure reproduces), then each one
goes through the real ASGI app inside the test's transaction. A generated operation may be
refused, but never with a 5xx, a masked internal error, or a response that breaks the schema.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest
import schemathesis
from graphql import introspection_from_schema
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.graphql.schema import create_schema
from tests.factories import create_user
from tests.fixtures.app import GQL, token_for
from tests.fixtures.configured import Configure

CALLERS = ("anonymous", "player", "moderator")
OPERATIONS_PER_CALLER = 350
"""Three callers, so 1,050 operations in all."""


@functools.cache
def generate(count: int, seed: int) -> list[Any]:
    schema = schemathesis.graphql.from_dict(introspection_from_schema(create_schema()._schema))
    cases: list[Any] = []

    @settings(
        max_examples=count,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(schema.as_strategy())
    def collect(case: Any) -> None:
        cases.append(case)

    collect._hypothesis_internal_use_seed = seed  # type: ignore[attr-defined]
    collect()
    return cases


@pytest.mark.parametrize("caller", CALLERS)
async def test_generated_operations_never_break_the_server(
    configure: Configure, session: AsyncSession, caller: str
) -> None:
    gql: GQL = configure(rate_limit={"enabled": False})
    headers = {}
    if caller != "anonymous":
        roles = [Role.PLAYER] if caller == "player" else [Role.PLAYER, Role.MODERATOR]
        user = await create_user(session, roles=roles)
        headers["Authorization"] = f"Bearer {token_for(gql.issuer, user)}"
    cases = generate(OPERATIONS_PER_CALLER, seed=2026)
    problems = []

    for case in cases:
        response = await gql.client.post("/graphql", json=case.body, headers=headers)
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except AssertionError as failure:
            problems.append((case.body, str(failure)[:300]))
            continue
        errors = response.json().get("errors") or []
        internal = [e for e in errors if e.get("extensions", {}).get("code") == "INTERNAL"]
        if internal:
            problems.append((case.body, internal))

    assert len(cases) == OPERATIONS_PER_CALLER
    assert problems == []
