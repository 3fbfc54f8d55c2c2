"""notificationDeliveries: every email and push attempt with its state, for support staff."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.notifications.catalogue import Channel
from app.notifications.models import DeliveryStatus
from tests.factories import create_delivery, create_notification, create_user
from tests.fixtures.app import GQL
from tests.fixtures.statements import StatementCounter

DELIVERIES = """
query Deliveries($recipientId: ID, $status: NotificationDeliveryStatus,
                 $channel: NotificationChannel, $first: Int) {
  notificationDeliveries(recipientId: $recipientId, status: $status, channel: $channel,
                         first: $first) {
    nodes {
      channel status target attempts lastError nextAttemptAt sentAt
      notification { title }
      recipient { displayName }
    }
  }
}
"""


async def test_support_sees_failures_with_their_errors(gql: GQL, session: AsyncSession) -> None:
    admin = await create_user(session, roles=[Role.ADMINISTRATOR])
    player = await create_user(session, name="Вера")
    notification = await create_notification(session, recipient=player, title="Команда распущена")
    await create_delivery(session, notification=notification)
    await create_delivery(
        session,
        notification=notification,
        channel=Channel.PUSH,
        status=DeliveryStatus.FAILED,
        target="fcm.googleapis.com",
        last_error="push service answered 410: gone",
    )
    other = await create_notification(session, recipient=await create_user(session))
    await create_delivery(session, notification=other, status=DeliveryStatus.FAILED)

    response = await gql(
        DELIVERIES, {"recipientId": str(player.id), "status": "FAILED"}, as_user=admin
    )

    assert response.data["notificationDeliveries"]["nodes"] == [
        {
            "channel": "PUSH",
            "status": "FAILED",
            "target": "fcm.googleapis.com",
            "attempts": 0,
            "lastError": "push service answered 410: gone",
            "nextAttemptAt": None,
            "sentAt": None,
            "notification": {"title": "Команда распущена"},
            "recipient": {"displayName": "Вера"},
        }
    ]


async def test_filters_by_channel(gql: GQL, session: AsyncSession) -> None:
    moderator = await create_user(session, roles=[Role.MODERATOR])
    notification = await create_notification(session, recipient=await create_user(session))
    await create_delivery(session, notification=notification, channel=Channel.EMAIL)
    await create_delivery(session, notification=notification, channel=Channel.PUSH)

    response = await gql(DELIVERIES, {"channel": "EMAIL"}, as_user=moderator)

    assert [n["channel"] for n in response.data["notificationDeliveries"]["nodes"]] == ["EMAIL"]


async def test_the_list_costs_the_same_for_any_page_size(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    admin = await create_user(session, roles=[Role.ADMINISTRATOR])
    for _ in range(10):
        notification = await create_notification(session, recipient=await create_user(session))
        await create_delivery(session, notification=notification)
    await gql(DELIVERIES, {"first": 1}, as_user=admin)

    with count_statements() as small:
        await gql(DELIVERIES, {"first": 1}, as_user=admin)
    with count_statements() as large:
        await gql(DELIVERIES, {"first": 10}, as_user=admin)

    assert len(small) == len(large) == 4, str(large)
