"""registerPushSubscription, unregisterPushSubscription and webPushPublicKey."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.notifications.models import PushSubscription
from tests.factories import create_push_subscription, create_user
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.configured import Configure
from tests.notifications.support import BrowserKeys, vapid_keys

PRIVATE, PUBLIC = vapid_keys()
PUSH_ON = {"vapid_private_key": SecretStr(PRIVATE)}
FCM = "https://fcm.googleapis.com/fcm/send/"

REGISTER = """
mutation Register($input: RegisterPushSubscriptionInput!) {
  registerPushSubscription(input: $input) {
    __typename
    ... on RegisterPushSubscriptionPayload { subscription { endpoint } }
    ... on ValidationFailed { fields { path code } }
    ... on UserError { code }
  }
}
"""
UNREGISTER = """
mutation Unregister($input: UnregisterPushSubscriptionInput!) {
  unregisterPushSubscription(input: $input) {
    __typename
    ... on UnregisterPushSubscriptionPayload { endpoint }
  }
}
"""
KEY = "query { webPushPublicKey }"


def subscription(endpoint: str, keys: dict[str, str] | None = None) -> dict[str, Any]:
    return {"input": {"endpoint": endpoint, "keys": keys or BrowserKeys.generate().json()}}


async def rows(session: AsyncSession) -> list[tuple[str, str]]:
    found = await session.execute(
        select(PushSubscription.endpoint, PushSubscription.user_id).order_by(
            PushSubscription.endpoint
        )
    )
    return [(endpoint, str(user_id)) for endpoint, user_id in found.all()]


async def removals(session: AsyncSession) -> list[tuple[str, str]]:
    events = await session.scalars(
        select(OutboxEvent)
        .where(OutboxEvent.type == "notification.push_unsubscribed")
        .order_by(OutboxEvent.seq)
    )
    return [(e.payload["user_id"], e.payload["reason"]) for e in events]


async def test_the_public_key_is_there_only_when_push_is_on(
    gql: GQL, configure: Configure, session: AsyncSession
) -> None:
    me = await create_user(session)

    off = await gql(KEY, as_user=me)
    on = await configure(push=PUSH_ON)(KEY, as_user=me)

    assert off.data == {"webPushPublicKey": None}
    assert on.data == {"webPushPublicKey": PUBLIC}


async def test_registering_a_browser(configure: Configure, session: AsyncSession) -> None:
    me = await create_user(session)
    keys = BrowserKeys.generate().json()

    response = await configure(push=PUSH_ON)(REGISTER, subscription(FCM + "a", keys), as_user=me)

    assert response.data["registerPushSubscription"] == {
        "__typename": "RegisterPushSubscriptionPayload",
        "subscription": {"endpoint": FCM + "a"},
    }
    stored = await session.scalar(select(PushSubscription))
    assert stored is not None
    assert (stored.user_id, stored.p256dh, stored.auth) == (me.id, keys["p256dh"], keys["auth"])
    [event] = await session.scalars(
        select(OutboxEvent).where(OutboxEvent.type == "notification.push_subscribed")
    )
    assert to_envelope(event).payload == {"user_id": str(me.id), "subscription_id": str(stored.id)}


async def test_push_off_refuses_registration(gql: GQL, session: AsyncSession) -> None:
    me = await create_user(session)

    response = await gql(REGISTER, subscription(FCM + "a"), as_user=me)

    assert response.data["registerPushSubscription"] == {
        "__typename": "PushUnavailable",
        "code": "PUSH_UNAVAILABLE",
    }
    assert await rows(session) == []


@pytest.mark.parametrize(
    ("endpoint", "keys", "paths"),
    [
        ("https://internal.example/push", None, ["endpoint"]),
        ("http://fcm.googleapis.com/fcm/send/x", None, ["endpoint"]),
        ("https://user:pw@fcm.googleapis.com/x", None, ["endpoint"]),
        ("javascript:alert(1)", None, ["endpoint"]),
        (FCM + "x" * 1100, None, ["endpoint"]),
        (FCM + "x", {"p256dh": "AAAA", "auth": "short"}, ["keys.p256dh", "keys.auth"]),
        (FCM + "x", {"p256dh": "B" + "A" * 86, "auth": "tBHItJI5svbpez7KI4CCXg"}, ["keys.p256dh"]),
    ],
    ids=["unknown-host", "http", "userinfo", "scheme", "long", "bad-keys", "not-on-curve"],
)
async def test_invalid_subscriptions_are_refused(
    configure: Configure,
    session: AsyncSession,
    endpoint: str,
    keys: dict[str, str] | None,
    paths: list[str],
) -> None:
    me = await create_user(session)

    response = await configure(push=PUSH_ON)(REGISTER, subscription(endpoint, keys), as_user=me)

    result = response.data["registerPushSubscription"]
    assert result["__typename"] == "ValidationFailed"
    assert [f["path"] for f in result["fields"]] == paths
    assert await rows(session) == []


async def test_a_browser_belongs_to_whoever_registered_it_last(
    configure: Configure, session: AsyncSession
) -> None:
    first, second = await create_user(session), await create_user(session)
    gql = configure(push=PUSH_ON)
    await gql(REGISTER, subscription(FCM + "shared"), as_user=first)
    await gql(REGISTER, subscription(FCM + "shared"), as_user=first)

    await gql(REGISTER, subscription(FCM + "shared"), as_user=second)

    assert await rows(session) == [(FCM + "shared", str(second.id))]
    assert await removals(session) == [(str(first.id), "REPLACED")]
    registered = await session.scalars(
        select(OutboxEvent)
        .where(OutboxEvent.type == "notification.push_subscribed")
        .order_by(OutboxEvent.seq)
    )
    assert [e.payload["user_id"] for e in registered] == [str(first.id), str(second.id)]


async def test_over_the_limit_the_oldest_is_forgotten(
    configure: Configure, session: AsyncSession, clock: TestClock
) -> None:
    me = await create_user(session)
    gql = configure(push=PUSH_ON, notifications={"max_push_subscriptions": 2})
    for name in ("a", "b", "c"):
        await gql(REGISTER, subscription(FCM + name), as_user=me)
        clock.advance(timedelta(seconds=1))

    assert await rows(session) == [(FCM + "b", str(me.id)), (FCM + "c", str(me.id))]
    assert await removals(session) == [(str(me.id), "LIMIT")]


async def test_unregistering_only_my_own(gql: GQL, session: AsyncSession) -> None:
    me, other = await create_user(session), await create_user(session)
    mine = await create_push_subscription(session, user=me)
    theirs = await create_push_subscription(session, user=other)

    removed = await gql(UNREGISTER, {"input": {"endpoint": mine.endpoint}}, as_user=me)
    refused = await gql(UNREGISTER, {"input": {"endpoint": theirs.endpoint}}, as_user=me)

    assert removed.data["unregisterPushSubscription"] == {
        "__typename": "UnregisterPushSubscriptionPayload",
        "endpoint": mine.endpoint,
    }
    assert refused.data["unregisterPushSubscription"] == {"__typename": "NotFound"}
    assert await rows(session) == [(theirs.endpoint, str(other.id))]
    assert await removals(session) == [(str(me.id), "UNREGISTERED")]
