"""What the response cache may keep, for how long, and the table that decides it."""

import inspect
import re
import uuid

import pytest
from graphql import GraphQLObjectType, parse

from app.auth.principal import Principal
from app.auth.roles import Role
from app.events.base import registry
from app.events.hub import Hub
from app.graphql.cache_policy import (
    OBJECT_FIELDS,
    ROOT_FIELDS,
    UNRELATED_TOPICS,
    Scope,
    scope_of,
)
from app.graphql.response_cache import ResponseCache
from app.graphql.schema import create_schema

SCHEMA = create_schema()._schema
TEAM = "query Team($id: ID!) { team(id: $id) { name } }"
CALLER = re.compile(r"principal|actor\(|viewer|is_staff|context\.user")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def player() -> Principal:
    return Principal(user_id=uuid.uuid4(), subject="s", roles=frozenset({Role.PLAYER}))


def filled(cache: ResponseCache, *, query: str = TEAM, variables: dict | None = None) -> None:
    variables = variables or {"id": "1"}
    lookup = cache.lookup(query, None, variables, None)
    cache.put(lookup, SCHEMA, query, None, variables, None, {"team": {"name": "x" * 100}})


@pytest.mark.parametrize(
    ("document", "scope"),
    [
        (TEAM, Scope.PUBLIC),
        ("query { tournament(id: 1) { name sport { name } } }", Scope.VIEWER),
        (
            "query { team(id: 1) { ...T } } fragment T on Team { name members { role } }",
            Scope.PUBLIC,
        ),
        ("query { team(id: 1) { name @include(if: true) __typename } }", Scope.PUBLIC),
        ("query { team(id: 1) { name } me { id } }", None),
        (
            "query { team(id: 1) { ...T } } fragment T on Team { name } "
            "fragment U on User { email }",
            None,
        ),
        ("query { playground(id: 1) { myReview { rating } } }", None),
        ("query { tournament(id: 1) { applications { id } } }", None),
        ("query { team(id: 1) { ... @defer { name } } }", None),
        ("mutation { markNotificationsRead { __typename } }", None),
        ("query A { team(id: 1) { name } } query B { match(id: 1) { id } }", None),
        ("query { __schema { types { name } } }", None),
    ],
)
def test_the_scope_of_a_document(document: str, scope: Scope | None) -> None:
    assert scope_of(SCHEMA, parse(document), None) is scope


def test_the_table_names_only_fields_of_the_schema_and_topics_of_the_registry() -> None:
    query_type = SCHEMA.query_type
    assert query_type is not None
    assert set(ROOT_FIELDS) <= set(query_type.fields)
    for type_name, fields in OBJECT_FIELDS.items():
        graphql_type = SCHEMA.type_map[type_name]
        assert isinstance(graphql_type, GraphQLObjectType), type_name
        assert fields <= set(graphql_type.fields), (type_name, fields - set(graphql_type.fields))
    assert registry.topics() >= UNRELATED_TOPICS


def test_no_cached_object_field_looks_at_the_caller() -> None:
    """A resolver that reads the caller gives different answers to different users."""
    for type_name, fields in OBJECT_FIELDS.items():
        graphql_type = SCHEMA.type_map[type_name]
        assert isinstance(graphql_type, GraphQLObjectType)
        for name in fields:
            definition = graphql_type.fields[name].extensions.get("strawberry-definition")
            resolver = definition.base_resolver if definition is not None else None
            if resolver is None:
                continue
            source = inspect.getsource(resolver.wrapped_func)
            assert not CALLER.search(source), f"{type_name}.{name} reads the caller"
            assert not definition.permission_classes, f"{type_name}.{name} has permissions"


def test_entries_expire_after_ttl() -> None:
    clock = Clock()
    cache = ResponseCache(5.0, 1 << 20, now=clock)
    filled(cache)
    lookup = cache.lookup(TEAM, None, {"id": "1"}, None)

    assert cache.get(lookup) == {"team": {"name": "x" * 100}}
    clock.now += 5.0
    assert cache.get(lookup) is None
    assert len(cache) == 0


def test_an_answer_built_across_an_invalidation_is_not_kept() -> None:
    cache = ResponseCache(5.0, 1 << 20)
    filled(cache, variables={"id": "warm"})
    lookup = cache.lookup(TEAM, None, {"id": "1"}, None)

    cache.invalidate({"prodvor.teams"})
    cache.put(lookup, SCHEMA, TEAM, None, {"id": "1"}, None, {"team": None})

    assert len(cache) == 0


def test_unrelated_topics_keep_entries() -> None:
    cache = ResponseCache(5.0, 1 << 20)
    filled(cache)

    cache.invalidate({"prodvor.chat", "prodvor.notifications"})
    assert len(cache) == 1
    cache.invalidate({"prodvor.chat", "prodvor.economy"})
    assert len(cache) == 0


def test_the_byte_budget_evicts_the_least_recently_used() -> None:
    cache = ResponseCache(5.0, 2_000)
    for n in range(30):
        filled(cache, variables={"id": str(n)})
        oldest = cache.lookup(TEAM, None, {"id": "0"}, None)
        cache.get(oldest)

    assert 1 < len(cache) < 30
    assert cache.get(cache.lookup(TEAM, None, {"id": "0"}, None)) is not None
    assert cache.get(cache.lookup(TEAM, None, {"id": "1"}, None)) is None


def test_audiences_do_not_share_entries() -> None:
    cache = ResponseCache(5.0, 1 << 20)
    tournament = "query { tournament(id: 1) { name } }"
    for query in (TEAM, tournament):
        cache.put(cache.lookup(query, None, {}, None), SCHEMA, query, None, {}, None, {"a": 1})
    alice, bob = player(), player()
    staff = Principal(user_id=alice.user_id, subject="s", roles=frozenset({Role.MODERATOR}))

    def key(query: str, principal: Principal | None) -> object:
        return cache.lookup(query, None, {}, principal).key

    assert key(TEAM, alice) == key(TEAM, bob) != key(TEAM, None)
    assert key(TEAM, staff) != key(TEAM, alice)
    assert key(tournament, alice) != key(tournament, bob)
    assert key(TEAM, alice) != cache.lookup(TEAM, None, {"id": "2"}, alice).key


def test_the_hub_feeds_the_topics_the_cache_listens_to() -> None:
    hub = Hub()
    cache = ResponseCache(5.0, 1 << 20)

    hub.listen(cache.observe, cache.topics())

    assert {"prodvor.teams", "prodvor.economy", "prodvor.matches"} <= hub.listened_topics
    assert not hub.listened_topics & UNRELATED_TOPICS
