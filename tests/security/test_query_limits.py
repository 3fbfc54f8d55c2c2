"""Checklist rows 1–6, 8, 10–12: what a document may look like. Each limit at and one past it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from tests.factories import create_user
from tests.fixtures.app import GQL, GQLResponse
from tests.fixtures.configured import Configure

INTROSPECTION = "query { __schema { queryType { name } } }"


def limit_errors(response: GQLResponse) -> list[tuple[str, int]]:
    return [
        (e["extensions"]["limit"], e["extensions"]["max"])
        for e in response.errors or []
        if e.get("extensions", {}).get("code") == "QUERY_LIMIT_EXCEEDED"
    ]


def nested(depth: int) -> str:
    """``{ f1 { f2 { ... leaf } } }``: ``depth`` levels of fields (the leaf is one)."""
    query = "leaf"
    for level in range(depth - 1, 0, -1):
        query = f"f{level} {{ {query} }}"
    return "{ " + query + " }"


# --- 1. introspection ---------------------------------------------------------------------


async def test_introspection_is_refused_outside_dev(gql: GQL, session: AsyncSession) -> None:
    admin = await create_user(session, roles=[Role.ADMINISTRATOR])

    anonymous = await gql(INTROSPECTION)
    as_admin = await gql(INTROSPECTION, as_user=admin)

    assert anonymous.data is None
    assert "introspection" in anonymous.errors[0]["message"]
    assert as_admin.data is None, "administrators introspect only when configured"


async def test_administrators_may_introspect_when_configured(
    configure: Configure, session: AsyncSession
) -> None:
    gql = configure(graphql={"admin_introspection": True})
    admin = await create_user(session, roles=[Role.ADMINISTRATOR])
    moderator = await create_user(session, roles=[Role.MODERATOR])

    allowed = await gql(INTROSPECTION, as_user=admin)
    refused = await gql(INTROSPECTION, as_user=moderator)

    assert allowed.data == {"__schema": {"queryType": {"name": "Query"}}}
    assert refused.data is None


async def test_introspection_setting_opens_it_to_everyone(configure: Configure) -> None:
    gql = configure(graphql={"introspection": True})

    response = await gql(INTROSPECTION)

    assert response.data == {"__schema": {"queryType": {"name": "Query"}}}


# --- 2. field suggestions -------------------------------------------------------------------


async def test_misspelt_names_get_no_suggestions_while_introspection_is_off(
    gql: GQL, session: AsyncSession
) -> None:
    user = await create_user(session)
    mutation = (
        "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { __typename } }"
    )

    field = await gql("query { me { displayNam } }", as_user=user)
    argument = await gql("query { users(firts: 1) { nodes { id } } }", as_user=user)
    variable = await gql(mutation, {"input": {"displayNam": "x"}}, as_user=user)

    for response in (field, argument, variable):
        assert response.errors
        assert all("Did you mean" not in e["message"] for e in response.errors), response.errors


async def test_suggestions_are_shown_while_introspection_is_on(configure: Configure) -> None:
    gql = configure(graphql={"introspection": True})

    response = await gql("query { me { displayNam } }")

    assert "Did you mean" in response.errors[0]["message"]


# --- 3. depth ----------------------------------------------------------------------------


async def test_depth_eight_passes_the_limit_and_nine_does_not(gql: GQL) -> None:
    at_limit = await gql(nested(8))
    past = await gql(nested(9))

    assert limit_errors(at_limit) == []
    assert "Cannot query field" in at_limit.errors[0]["message"]
    assert limit_errors(past) == [("depth", 8)]
    assert len(past.errors) == 1


async def test_depth_counts_through_fragments(gql: GQL) -> None:
    document = """
    query { a { ...F } }
    fragment F on T { b { c { d { e { f { g { h { i } } } } } } } }
    """

    response = await gql(document)

    assert limit_errors(response) == [("depth", 8)]


async def test_depth_limit_applies_to_real_queries(
    configure: Configure, session: AsyncSession
) -> None:
    gql = configure(graphql={"max_depth": 4})
    user = await create_user(session)
    deep = "query { users(first: 1) { edges { node { contacts { telegram } } } } }"
    shallow = "query { users(first: 1) { edges { node { id } } } }"

    refused = await gql(deep, as_user=user)
    served = await gql(shallow, as_user=user)

    assert refused.data is None
    assert limit_errors(refused) == [("depth", 4)]
    assert served.errors is None


# --- 4. aliases ---------------------------------------------------------------------------


def aliased(count: int) -> str:
    return "query { " + " ".join(f"a{i}: me {{ id }}" for i in range(count)) + " }"


async def test_fifteen_aliases_pass_and_sixteen_do_not(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)

    at_limit = await gql(aliased(15), as_user=user)
    past = await gql(aliased(16), as_user=user)
    flood = await gql(aliased(101), as_user=user)

    assert at_limit.errors is None
    assert len(at_limit.data) == 15
    assert past.data is None
    assert limit_errors(past) == [("aliases", 15)]
    assert limit_errors(flood) == [("aliases", 15)]
    assert len(flood.errors) == 1


# --- 5 and 6. tokens -----------------------------------------------------------------------


def tokens(extra_fields: list[str]) -> str:
    """6 + 9 × 110 = 996 tokens of fragments, plus one token per extra field."""
    spreads = " ".join(f"...F{i}" for i in range(110))
    fragments = " ".join(f"fragment F{i} on User {{ id }}" for i in range(110))
    return f"query {{ me {{ {' '.join(extra_fields)} {spreads} }} }} {fragments}"


async def test_a_thousand_tokens_pass_and_one_more_does_not(
    gql: GQL, session: AsyncSession
) -> None:
    user = await create_user(session)

    at_limit = await gql(tokens(["id", "displayName", "nickname", "city"]), as_user=user)
    past = await gql(tokens(["id", "displayName", "nickname", "city", "bio"]), as_user=user)

    assert at_limit.errors is None
    assert at_limit.data["me"]["id"] == str(user.id)
    assert past.data is None
    assert limit_errors(past) == [("tokens", 1000)]


async def test_field_duplication_is_refused_by_the_token_limit(gql: GQL) -> None:
    response = await gql("query { " + "me { id } " * 500 + "}")

    assert limit_errors(response) == [("tokens", 1000)]


async def test_one_field_ten_times_passes_and_eleven_times_does_not(
    gql: GQL, session: AsyncSession
) -> None:
    """Repeats are cheap to write and quadratic to validate, so they have their own cap."""
    user = await create_user(session)

    at_limit = await gql("query { me { " + "id " * 10 + "} }", as_user=user)
    past = await gql("query { me { " + "id " * 11 + "} }", as_user=user)
    hidden = await gql("query { me { " + "... on User { id } " * 11 + "} }", as_user=user)

    assert at_limit.data == {"me": {"id": str(user.id)}}
    assert limit_errors(past) == [("fieldRepeats", 10)]
    assert limit_errors(hidden) == [("fieldRepeats", 10)]


async def test_token_bomb_is_refused_before_the_parser_reaches_its_end(gql: GQL) -> None:
    """The document lacks its closing brace: a parser that read it all would say so instead."""
    response = await gql("{ a " + "a " * 2000)

    assert limit_errors(response) == [("tokens", 1000)]
    assert "EOF" not in response.errors[0]["message"]


# --- 7 (document part). characters ----------------------------------------------------------


async def test_fifteen_thousand_characters_pass_and_one_more_does_not(
    gql: GQL, session: AsyncSession
) -> None:
    user = await create_user(session)
    head = "query { me { id } }\n#"
    at_limit = head + "x" * (15_000 - len(head))

    served = await gql(at_limit, as_user=user)
    refused = await gql(at_limit + "x", as_user=user)

    assert len(at_limit) == 15_000
    assert served.errors is None
    assert refused.data is None
    assert limit_errors(refused) == [("chars", 15_000)]


# --- 8. directives ------------------------------------------------------------------------


def with_directives(count: int) -> str:
    """Nested inline fragments with one directive each: a valid query, nothing else limited."""
    inner = "id"
    for _ in range(count):
        inner = f"... @include(if: true) {{ {inner} }}"
    return "query { me { " + inner + " } }"


async def test_fifty_directives_pass_and_fifty_one_do_not(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)

    at_limit = await gql(with_directives(50), as_user=user)
    past = await gql(with_directives(51), as_user=user)

    assert at_limit.data == {"me": {"id": str(user.id)}}
    assert limit_errors(past) == [("directives", 50)]
    assert len(past.errors) == 1, "one error, not one per repeated directive"


async def test_repeated_directives_under_the_limit_give_one_error(gql: GQL) -> None:
    response = await gql("query { me " + "@skip(if: false) " * 10 + "{ id } }")

    assert len(response.errors) == 1
    assert "can only be used once" in response.errors[0]["message"]


# --- 10 and 11. cost and page sizes -----------------------------------------------------------

WIDE = "query($first: Int!) { users(first: $first) { nodes { id displayName } edges { cursor } } }"


async def cost_of(configure: Configure, user: Any, document: str, variables: dict[str, Any]) -> int:
    response = await configure(graphql={"max_cost": 1})(document, variables, as_user=user)
    (error,) = response.errors
    return int(error["extensions"]["actual"])


async def test_cost_at_the_limit_runs_and_one_past_it_does_not(
    configure: Configure, session: AsyncSession
) -> None:
    user = await create_user(session)
    cost = await cost_of(configure, user, WIDE, {"first": 50})

    served = await configure(graphql={"max_cost": cost})(WIDE, {"first": 50}, as_user=user)
    refused = await configure(graphql={"max_cost": cost - 1})(WIDE, {"first": 50}, as_user=user)

    assert served.errors is None
    assert refused.data is None
    assert limit_errors(refused) == [("cost", cost - 1)]


async def test_cost_grows_with_the_page_size_variable(
    configure: Configure, session: AsyncSession
) -> None:
    user = await create_user(session)

    small = await cost_of(configure, user, WIDE, {"first": 10})
    large = await cost_of(configure, user, WIDE, {"first": 100})

    assert large > 9 * small


async def test_wide_nested_lists_exceed_the_default_cost(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)
    page = "users(first: 100) { edges { cursor node { id displayName nickname city bio } } }"
    document = "query { " + " ".join(f"p{i}: {page}" for i in range(8)) + " }"

    response = await gql(document, as_user=user)

    assert response.data is None
    assert limit_errors(response) == [("cost", 5000)]


async def test_page_sizes_are_capped_at_one_hundred(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)

    at_limit = await gql(WIDE, {"first": 100}, as_user=user)
    past = await gql(WIDE, {"first": 101}, as_user=user)
    absurd = await gql(WIDE, {"first": 99_999_999}, as_user=user)

    assert at_limit.errors is None
    assert past.error_codes == ["BAD_USER_INPUT"]
    assert limit_errors(absurd) == [("cost", 5000)]


def pages(count: int) -> str:
    return (
        "query { "
        + " ".join(f"p{i}: users(first: 100) {{ nodes {{ id }} }}" for i in range(count))
        + " }"
    )


async def test_a_thousand_listed_objects_fit_in_a_response_and_more_do_not(
    gql: GQL, session: AsyncSession
) -> None:
    user = await create_user(session)

    at_limit = await gql(pages(10), as_user=user)
    past = await gql(pages(11), as_user=user)

    assert at_limit.errors is None
    assert past.data is None
    assert limit_errors(past) == [("listItems", 1000)]
    assert past.errors[0]["extensions"]["actual"] == 1100


# --- 12. circular fragments -------------------------------------------------------------------


async def test_circular_fragments_fail_validation(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)
    document = """
    query { me { ...A } }
    fragment A on User { id ...B }
    fragment B on User { displayName ...A }
    """

    response = await gql(document, as_user=user)

    assert response.data is None
    assert [e["message"] for e in response.errors] == [
        "Cannot spread fragment 'A' within itself via 'B'."
    ]
