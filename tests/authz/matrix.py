"""The authorization matrix: who may run each operation, one table row per case.

Each domain adds ``tests/authz/cases/<domain>.py`` with a ``CASES`` list. A case names the
operation (``Mutation.createTeam``), a document, how to arrange the data (the ``Cast``'s owner
owns what the case is about: the captain of the team, the organizer of the tournament...) and
the expected ``Outcome`` for each of the four ``Actor``s. ``test_matrix.py`` fails when an
operation of the schema has no case, so a new operation cannot land without its row.

Subscriptions run in-process and are judged by their first result. One whose first result
needs an event names a ``trigger``: it arranges what the subscriber should hear about and
returns the event, which the test hands to the hub once the subscription is listening.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.applications import Starlette

from app.events.envelope import Envelope
from app.users.models import User
from tests.fixtures.app import GQL, GQLResponse, token_for
from tests.fixtures.ws import connect_in_process, until_subscribed


class Actor(StrEnum):
    ANONYMOUS = "anonymous"
    STRANGER = "stranger"
    """Signed in, unrelated to the object."""
    OWNER = "owner"
    """The owner, captain or organizer of the object."""
    MODERATOR = "moderator"


class Outcome(StrEnum):
    ALLOWED = "allowed"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    HIDDEN = "hidden"
    """``null``, or a ``NotFound`` result (a ``NOT_FOUND`` error from a subscription): the
    caller may not know the object exists."""
    REFUSED = "refused"
    """Another typed error of the mutation's union: a rule says no (not a member, ...)."""


@dataclass(frozen=True)
class Cast:
    owner: User
    stranger: User
    moderator: User

    def user(self, actor: Actor) -> User | None:
        return None if actor is Actor.ANONYMOUS else getattr(self, actor.value)


Arrange = Callable[[AsyncSession, Cast], Awaitable[dict[str, Any]]]
Snapshot = Callable[[AsyncSession, Cast], Awaitable[object]]
Trigger = Callable[[AsyncSession, User, dict[str, Any]], Awaitable[Envelope]]


@dataclass(frozen=True)
class Harness:
    """What a ``Send`` may use: the app under test, its HTTP client and the test's session."""

    app: Starlette
    gql: GQL
    session: AsyncSession


Send = Callable[[Harness, "Case", dict[str, Any], User | None], Awaitable[GQLResponse]]


async def over_http(
    harness: Harness, case: Case, variables: dict[str, Any], user: User | None
) -> GQLResponse:
    return await harness.gql(case.document, variables, as_user=user)


async def over_websocket(
    harness: Harness, case: Case, variables: dict[str, Any], user: User | None
) -> GQLResponse:
    """Subscribe over an in-process WebSocket; a case's ``trigger`` fires once it listens."""
    hub = harness.app.state.container.hub
    payload = {"authorization": f"Bearer {token_for(harness.gql.issuer, user)}"} if user else {}
    async with connect_in_process(harness.app) as ws:
        await ws.init(payload)
        operation = await ws.subscribe(case.document, variables)
        if case.trigger is not None and user is not None:
            await until_subscribed(hub)
            hub.publish(await case.trigger(harness.session, user, variables))
        message = await ws.next_payload(operation)
    if message["type"] == "error":
        return GQLResponse(200, None, message["payload"])
    return GQLResponse(200, message["payload"].get("data"), message["payload"].get("errors"))


async def no_variables(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Case:
    operation: str
    document: str
    expect: Mapping[Actor, Outcome]
    arrange: Arrange = no_variables
    """Creates what the case is about (owned by ``cast.owner``); returns the variables."""
    snapshot: Snapshot | None = None
    """State that must not change when the outcome is not ALLOWED (for mutations)."""
    trigger: Trigger | None = None
    """For subscriptions: an event for the subscribing user (see the module docstring)."""
    name: str = ""
    send: Send = over_http
    """How the document travels: a POST, or for subscriptions a WebSocket."""

    def __post_init__(self) -> None:
        missing = set(Actor) - set(self.expect)
        if missing:
            raise ValueError(f"{self.id}: no expectation for {sorted(missing)}")

    @property
    def id(self) -> str:
        return f"{self.operation}[{self.name}]" if self.name else self.operation

    @property
    def is_subscription(self) -> bool:
        return self.operation.startswith("Subscription.")

    @property
    def field(self) -> str:
        return self.operation.split(".", 1)[1]


def everyone_signed_in(**overrides: Outcome) -> dict[Actor, Outcome]:
    """Anonymous callers are refused; everybody else is allowed, unless overridden."""
    expect = dict.fromkeys(Actor, Outcome.ALLOWED)
    expect[Actor.ANONYMOUS] = Outcome.UNAUTHENTICATED
    expect.update({Actor(name): outcome for name, outcome in overrides.items()})
    return expect


def classify(case: Case, response: GQLResponse) -> str:
    codes = set(response.error_codes)
    for code, outcome in (
        ("UNAUTHENTICATED", Outcome.UNAUTHENTICATED),
        ("FORBIDDEN", Outcome.FORBIDDEN),
    ):
        if code in codes:
            return outcome
    if response.errors:
        if codes == {"NOT_FOUND"}:
            return Outcome.HIDDEN
        return f"unexpected errors {response.errors}"
    value = (response.data or {}).get(case.field)
    typename = value.get("__typename") if isinstance(value, dict) else None
    if value is None or typename == "NotFound":
        return Outcome.HIDDEN
    if typename is not None and _is_user_error(typename):
        return Outcome.REFUSED
    return Outcome.ALLOWED


@cache
def _is_user_error(typename: str) -> bool:
    from app.graphql.schema import create_schema

    graphql_type = create_schema()._schema.get_type(typename)
    return any(
        interface.name == "UserError" for interface in getattr(graphql_type, "interfaces", ())
    )


def all_cases() -> list[Case]:
    from tests.authz import cases

    collected: list[Case] = []
    for module in pkgutil.iter_modules(cases.__path__):
        collected.extend(importlib.import_module(f"{cases.__name__}.{module.name}").CASES)
    return collected
