"""Every mutation and object-returning query, run as each actor, against the table."""

from __future__ import annotations

import pytest
from graphql import get_named_type, is_leaf_type
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.applications import Starlette

from app.auth.roles import Role
from app.graphql.schema import create_schema
from tests.authz.matrix import Actor, Case, Cast, Harness, Outcome, all_cases, classify
from tests.factories import create_user
from tests.fixtures.app import GQL

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
    app: Starlette, gql: GQL, session: AsyncSession, case: Case, actor: Actor
) -> None:
    cast = Cast(
        owner=await create_user(session),
        stranger=await create_user(session),
        moderator=await create_user(session, roles=[Role.PLAYER, Role.MODERATOR]),
    )
    variables = await case.arrange(session, cast)
    before = await case.snapshot(session, cast) if case.snapshot else None

    response = await case.send(Harness(app, gql, session), case, variables, cast.user(actor))

    outcome = classify(case, response)
    assert outcome == case.expect[actor], response
    if case.snapshot and outcome != Outcome.ALLOWED:
        assert await case.snapshot(session, cast) == before
