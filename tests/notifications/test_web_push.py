"""Web Push against a loopback push service that checks VAPID and decrypts like a browser."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.notifications import service
from app.notifications.catalogue import Channel, NotificationType
from app.notifications.dispatch import Dispatcher
from app.notifications.events import PushSubscriptionRemoved
from app.notifications.models import DeliveryStatus, NotificationDelivery, PushSubscription
from app.settings import Settings
from app.users.models import User
from tests.factories import create_team, create_user
from tests.fixtures.app import TestClock
from tests.fixtures.configured import Configure, configured_settings
from tests.fixtures.live import serve
from tests.notifications.conftest import StartLive
from tests.notifications.support import PushService, eventually, vapid_keys

SUBJECT = "mailto:support@prodvor.test"
REGISTER = """
mutation Register($input: RegisterPushSubscriptionInput!) {
  registerPushSubscription(input: $input) {
    __typename
    ... on RegisterPushSubscriptionPayload { subscription { id endpoint } }
  }
}
"""
INVITE = """
mutation Invite($input: InviteToTeamInput!) { inviteToTeam(input: $input) { __typename } }
"""


@pytest.fixture
async def push_service() -> AsyncIterator[tuple[PushService, dict[str, Any]]]:
    """The service running on loopback, and the ``push`` settings that trust it."""
    private, public = vapid_keys()
    service_ = PushService(public)
    async with serve(service_.app()) as address:
        service_.address = address
        yield (
            service_,
            {
                "vapid_private_key": SecretStr(private),
                "vapid_subject": SUBJECT,
                "allowed_endpoint_hosts": ["127.0.0.1"],
                "require_https": False,
            },
        )


async def register(
    configure: Configure, push: dict[str, Any], user: User, endpoint: str, keys: dict[str, str]
) -> None:
    gql = configure(push=push)
    response = await gql(REGISTER, {"input": {"endpoint": endpoint, "keys": keys}}, as_user=user)
    assert response.data is not None, response.errors
    assert (
        response.data["registerPushSubscription"]["__typename"] == "RegisterPushSubscriptionPayload"
    )


async def test_an_invitation_arrives_encrypted_with_a_valid_vapid_token(
    live_app: StartLive,
    committed_database: Database,
    push_service: tuple[PushService, dict[str, Any]],
) -> None:
    pusher, push = push_service
    endpoint, keys = pusher.endpoint("phone")
    async with committed_database.transaction() as session:
        captain = await create_user(session, name="Капитан Орлов")
        team = await create_team(session, captain=captain, name="Орлы")
        player = await create_user(session)
        session.add(PushSubscription(user_id=player.id, endpoint=endpoint, **keys.json()))
    live = await live_app(push=push)

    variables = {"input": {"teamId": str(team.id), "userId": str(player.id)}}
    await live.gql(INVITE, variables, captain)

    [received] = await eventually(lambda: pusher.received)
    assert pusher.rejected == []
    assert received.payload == {
        "title": "Приглашение в команду «Орлы»",
        "body": "Капитан Орлов приглашает вас в команду «Орлы» в роли игрока.",
        "link": f"/teams/{team.slug}",
    }
    assert received.claims["sub"] == SUBJECT
    assert received.headers["ttl"] == "86400"
    assert received.headers["urgency"] == "normal"
    delivery = await eventually(lambda: _sent_push(committed_database, player))
    assert delivery.target == "127.0.0.1"


async def _sent_push(db: Database, user: User) -> NotificationDelivery | None:
    async with db.session() as session:
        stmt = select(NotificationDelivery).where(
            NotificationDelivery.recipient_id == user.id,
            NotificationDelivery.channel == Channel.PUSH,
            NotificationDelivery.status == DeliveryStatus.SENT,
        )
        return await session.scalar(stmt)


async def queue(session: AsyncSession, user: User, clock: TestClock) -> None:
    notice = service.Notice(
        type=NotificationType.TEAM_MEMBER_REMOVED,
        recipients=[user.id],
        title="Вы больше не в команде «Орлы»",
        body="Капитан исключил вас из состава команды «Орлы».",
        link="/teams/orly",
    )
    await service.notify(
        session, notice, source_event_id=uuid.uuid4(), actor_id=None, now=clock.now()
    )


@pytest.mark.parametrize("status", [404, 410])
async def test_a_subscription_the_push_service_calls_gone_is_removed(
    configure: Configure,
    database: Database,
    session: AsyncSession,
    settings: Settings,
    clock: TestClock,
    push_service: tuple[PushService, dict[str, Any]],
    status: int,
) -> None:
    pusher, push = push_service
    pusher.answer = status
    user = await create_user(session, email=None)
    endpoint, keys = pusher.endpoint("old-laptop")
    await register(configure, push, user, endpoint, keys.json())
    await queue(session, user, clock)
    loop = Dispatcher.from_settings(database, configured_settings(settings, push=push), clock)

    assert await loop.run_once() == 1

    delivery = await session.scalar(
        select(NotificationDelivery).execution_options(populate_existing=True)
    )
    assert delivery is not None
    assert (delivery.status, delivery.push_subscription_id) == (DeliveryStatus.FAILED, None)
    assert f"answered {status}" in (delivery.last_error or "")
    assert await session.scalar(select(PushSubscription)) is None
    removed = await session.scalar(
        select(OutboxEvent).where(OutboxEvent.type == PushSubscriptionRemoved.type)
    )
    assert removed is not None
    assert to_envelope(removed).event() == PushSubscriptionRemoved(
        user_id=user.id, subscription_id=removed.payload["subscription_id"], reason="EXPIRED"
    )
    assert len(pusher.received) == 1


async def test_a_push_service_error_is_retried(
    configure: Configure,
    database: Database,
    session: AsyncSession,
    settings: Settings,
    clock: TestClock,
    push_service: tuple[PushService, dict[str, Any]],
) -> None:
    pusher, push = push_service
    pusher.answer = 503
    user = await create_user(session, email=None)
    endpoint, keys = pusher.endpoint("tablet")
    await register(configure, push, user, endpoint, keys.json())
    await queue(session, user, clock)
    loop = Dispatcher.from_settings(database, configured_settings(settings, push=push), clock)

    assert await loop.run_once() == 1
    pusher.answer = 201
    waiting = await session.scalar(
        select(NotificationDelivery).execution_options(populate_existing=True)
    )
    assert waiting is not None
    assert (waiting.status, waiting.attempts) == (DeliveryStatus.PENDING, 1)
    clock.current = waiting.next_attempt_at
    assert await loop.run_once() == 1

    sent = await session.scalar(
        select(NotificationDelivery).execution_options(populate_existing=True)
    )
    assert sent is not None
    assert (sent.status, sent.attempts) == (DeliveryStatus.SENT, 2)
    assert await session.scalar(select(PushSubscription.endpoint)) == endpoint
    assert len(pusher.received) == 2
