"""What the response cache may keep, for how long, and the table that decides it."""

import asyncio
import inspect
import re
import uuid
from typing import Any

import pytest
from graphql import GraphQLObjectType, parse
from strawberry.types.execution import ExecutionResult

from app.auth.principal import Principal
from app.auth.roles import Role
from app.economy.events import TransferRecorded, XpAwarded
from app.events.base import registry
from app.events.hub import Hub
from app.graphql.cache_policy import (
    OBJECT_FIELDS,
    ROOT_FIELDS,
    UNRELATED_EVENTS,
    UNRELATED_TOPICS,
    cacheable,
)
from app.graphql.response_cache import Cacheability, Query, ResponseCache
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


def team(team_id: str = "1", principal: Principal | None = None) -> Query:
    return Query(TEAM, None, {"id": team_id}, principal)


def filled(cache: ResponseCache, team_id: str = "1") -> None:
    query = team(team_id)
    cache.put(cache.lookup(query), SCHEMA, query, {"team": {"name": "x" * 100}})


@pytest.mark.parametrize(
    ("document", "shared"),
    [
        (TEAM, True),
        ("query { tournament(id: 1) { name sport { name } } }", True),
        (
            "query { team(id: 1) { ...T } } fragment T on Team { name members { role } }",
            True,
        ),
        ("query { team(id: 1) { name @include(if: true) __typename } }", True),
        ("query { team(id: 1) { name } me { id } }", False),
        (
            "query { team(id: 1) { ...T } } fragment T on Team { name } "
            "fragment U on User { email }",
            False,
        ),
        ("query { playground(id: 1) { myReview { rating } } }", False),
        ("query { tournament(id: 1) { applications { id } } }", False),
        ("query { team(id: 1) { ... @defer { name } } }", False),
        ("mutation { markNotificationsRead { __typename } }", False),
        ("query A { team(id: 1) { name } } query B { match(id: 1) { id } }", False),
        ("query { __schema { types { name } } }", False),
    ],
)
def test_which_documents_are_cacheable(document: str, shared: bool) -> None:
    assert cacheable(SCHEMA, parse(document), None) is shared


def test_the_table_names_only_fields_of_the_schema_and_topics_of_the_registry() -> None:
    query_type = SCHEMA.query_type
    assert query_type is not None
    assert set(ROOT_FIELDS) <= set(query_type.fields)
    for type_name, fields in OBJECT_FIELDS.items():
        graphql_type = SCHEMA.type_map[type_name]
        assert isinstance(graphql_type, GraphQLObjectType), type_name
        assert fields <= set(graphql_type.fields), (type_name, fields - set(graphql_type.fields))
    assert registry.topics() >= UNRELATED_TOPICS
    topics = {cls.type: cls.topic for cls in registry.classes()}
    assert set(topics) >= UNRELATED_EVENTS
    assert not {topics[name] for name in UNRELATED_EVENTS} & UNRELATED_TOPICS, "listed twice"


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
    lookup = cache.lookup(team())

    assert cache.get(lookup) == {"team": {"name": "x" * 100}}
    clock.now += 5.0
    assert cache.get(lookup) is None
    assert len(cache) == 0


def test_an_answer_built_across_an_invalidation_is_not_kept() -> None:
    cache = ResponseCache(5.0, 1 << 20)
    filled(cache, "warm")
    lookup = cache.lookup(team())

    cache.invalidate({("prodvor.teams", "team.updated")})
    cache.put(lookup, SCHEMA, team(), {"team": None})

    assert len(cache) == 0


def test_unrelated_topics_and_event_types_keep_entries() -> None:
    cache = ResponseCache(5.0, 1 << 20)
    filled(cache)

    coins = (TransferRecorded.topic, TransferRecorded.type)
    cache.invalidate({("prodvor.chat", "chat.message_sent"), coins})
    assert len(cache) == 1, "neither chat nor coins show on a cached page"
    cache.invalidate({coins, (XpAwarded.topic, XpAwarded.type)})
    assert len(cache) == 0, "XP does: leaderboards and rosters show it"


def test_the_byte_budget_evicts_the_least_recently_used() -> None:
    cache = ResponseCache(5.0, 2_000)
    for n in range(30):
        filled(cache, str(n))
        cache.get(cache.lookup(team("0")))

    assert 1 < len(cache) < 30
    assert cache.get(cache.lookup(team("0"))) is not None
    assert cache.get(cache.lookup(team("1"))) is None


def test_callers_share_entries_by_roles_and_variables() -> None:
    cache = ResponseCache(5.0, 1 << 20)
    filled(cache)
    alice, bob = player(), player()
    staff = Principal(user_id=alice.user_id, subject="s", roles=frozenset({Role.MODERATOR}))

    def key(principal: Principal | None, team_id: str = "1") -> object:
        return cache.lookup(team(team_id, principal)).key

    assert key(alice) == key(bob) != key(None)
    assert key(staff) != key(alice)
    assert key(alice, "2") != key(alice)


class Builds:
    """A page build that waits for ``release`` and counts how often it ran."""

    def __init__(self, cache: ResponseCache | None = None) -> None:
        self.count = 0
        self.release = asyncio.Event()
        self.cache = cache

    async def __call__(self) -> ExecutionResult:
        self.count += 1
        await self.release.wait()
        if self.cache is not None and self.count == 1:
            self.cache.invalidate({("prodvor.matches", "match.scored")})
        return ExecutionResult(data={"team": {"name": "Динамо"}}, errors=None)


async def answers(cache: ResponseCache, build: Builds, shared: list[bool]) -> list[Any]:
    filled(cache, "warm")  # the document is known to be cacheable
    tasks = [
        asyncio.create_task(cache.answer(SCHEMA, team(), build, Cacheability(shared=s)))
        for s in shared
    ]
    await asyncio.sleep(0)
    build.release.set()
    return [result.data for result in await asyncio.gather(*tasks)]


async def test_concurrent_requests_for_one_answer_build_it_once_and_get_their_own_copy() -> None:
    cache = ResponseCache(5.0, 1 << 20)
    build = Builds()

    data = await answers(cache, build, [True] * 5)

    assert build.count == 1
    assert all(d == {"team": {"name": "Динамо"}} for d in data)
    data[0]["team"]["name"] = "changed by its caller"
    assert data[1]["team"]["name"] == "Динамо"


async def test_an_answer_that_may_not_be_shared_is_not_handed_to_waiters() -> None:
    cache = ResponseCache(5.0, 1 << 20)
    build = Builds()

    await answers(cache, build, [False, True, True])

    assert build.count == 2, "the first waiter builds again, and the last one gets that"
    assert cache.get(cache.lookup(team())) == {"team": {"name": "Динамо"}}


async def test_waiters_build_their_own_when_an_invalidation_overlapped_the_build() -> None:
    cache = ResponseCache(5.0, 1 << 20)
    build = Builds(cache)

    await answers(cache, build, [True, True, True])

    assert build.count == 2, "the first build's answer was dropped, the second one shared"
    assert len(cache) == 1


def test_the_hub_feeds_the_topics_the_cache_listens_to() -> None:
    hub = Hub()
    cache = ResponseCache(5.0, 1 << 20)

    hub.listen(cache.observe, cache.topics())

    assert {"prodvor.teams", "prodvor.economy", "prodvor.matches"} <= hub.listened_topics
    assert not hub.listened_topics & UNRELATED_TOPICS
