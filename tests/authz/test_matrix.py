"""Every mutation and object-returning query, run as each actor, against the table."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from graphql import get_named_type, is_leaf_type
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from app.auth.principal import Principal
from app.auth.roles import Role, parse_roles
from app.container import Container
from app.graphql.context import Context
from app.graphql.schema import create_schema
from app.users.models import User
from tests.authz.matrix import Actor, Case, Cast, Outcome, all_cases, classify
from tests.factories import create_user
from tests.fixtures.app import GQL, GQLResponse

CASES = all_cases()


def operations_needing_a_case() -> set[str]:
    schema = create_schema()._schema
    needed = set()
    for root in (schema.query_type, schema.mutation_type, schema.subscription_type):
        if root is None:
            continue
        for name, field in root.fields.items():
            if root is not schema.query_type or not is_leaf_type(get_named_type(field.type)):
                needed.add(f"{root.name}.{name}")
    return needed


def test_every_operation_is_in_the_matrix() -> None:
    covered = {case.operation for case in CASES}

    assert operations_needing_a_case() - covered == set(), "add rows in tests/authz/cases/"
    assert covered - operations_needing_a_case() == set(), "cases for operations that are gone"


def test_a_case_must_say_what_every_actor_gets() -> None:
    with pytest.raises(ValueError, match="no expectation"):
        Case("Query.me", "{ me { id } }", {Actor.ANONYMOUS: Outcome.UNAUTHENTICATED})


@pytest.mark.parametrize("actor", list(Actor))
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
async def test_authorization(
    gql: GQL, session: AsyncSession, container: Container, case: Case, actor: Actor
) -> None:
    cast = Cast(
        owner=await create_user(session),
        stranger=await create_user(session),
        moderator=await create_user(session, roles=[Role.PLAYER, Role.MODERATOR]),
    )
    variables = await case.arrange(session, cast)
    before = await case.snapshot(session, cast) if case.snapshot else None

    if case.is_subscription:
        response = await first_result(container, session, case, variables, cast.user(actor))
    else:
        response = await gql(case.document, variables, as_user=cast.user(actor))

    outcome = classify(case, response)
    assert outcome == case.expect[actor], response
    if case.snapshot and outcome != Outcome.ALLOWED:
        assert await case.snapshot(session, cast) == before


async def first_result(
    container: Container,
    session: AsyncSession,
    case: Case,
    variables: dict[str, Any],
    user: User | None,
) -> GQLResponse:
    """Run a subscription in-process (as the WebSocket transport would) until its first result."""
    principal = None
    if user is not None:
        principal = Principal(user_id=user.id, subject=user.subject, roles=parse_roles(user.roles))
    request = Request({"type": "http", "headers": [], "client": ("127.0.0.1", 1)})
    context = Context(request=request, response=None, container=container, principal=principal)
    await session.flush()
    hub = container.hub
    listening = hub.subscriber_count
    stream = await create_schema().subscribe(
        case.document, variable_values=variables, context_value=context
    )
    try:
        first = asyncio.ensure_future(anext(stream))
        deadline = time.monotonic() + 30
        while not first.done() and hub.subscriber_count == listening:
            assert time.monotonic() < deadline, "the subscription neither answered nor listened"
            await asyncio.sleep(0.01)
        if not first.done() and case.trigger is not None and user is not None:
            hub.publish(await case.trigger(session, user))
            await session.flush()
        result = await asyncio.wait_for(first, 30)
    finally:
        await stream.aclose()
    errors = [error.formatted for error in result.errors or []]
    return GQLResponse(200, result.data, errors or None)
