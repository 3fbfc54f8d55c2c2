"""markNotificationsRead: some or all of my notifications; never anyone else's."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.notifications.events import NotificationsRead
from app.notifications.models import Notification
from tests.factories import create_notification, create_user
from tests.fixtures.app import GQL, TestClock

MARK = """
mutation Mark($input: MarkNotificationsReadInput!) {
  markNotificationsRead(input: $input) {
    __typename
    ... on MarkNotificationsReadPayload { markedCount unreadCount }
    ... on ValidationFailed { fields { path code } }
  }
}
"""


async def read_times(session: AsyncSession) -> dict[str, Any]:
    rows = (await session.execute(select(Notification.id, Notification.read_at))).all()
    return {str(i): at for i, at in rows}


async def read_events(session: AsyncSession) -> list[object]:
    rows = await session.scalars(
        select(OutboxEvent).where(OutboxEvent.type == NotificationsRead.type)
    )
    return [to_envelope(row).event() for row in rows]


async def test_marking_some_read(gql: GQL, session: AsyncSession, clock: TestClock) -> None:
    me = await create_user(session)
    first, second, third = [await create_notification(session, recipient=me) for _ in range(3)]
    earlier = clock.now() - timedelta(days=1)
    third.read_at = earlier
    ids = [str(first.id), str(third.id), "not-an-id"]

    response = await gql(MARK, {"input": {"ids": ids}}, as_user=me)

    assert response.data["markNotificationsRead"] == {
        "__typename": "MarkNotificationsReadPayload",
        "markedCount": 1,
        "unreadCount": 1,
    }
    assert await read_times(session) == {
        str(first.id): clock.now(),
        str(second.id): None,
        str(third.id): earlier,
    }
    assert await read_events(session) == [
        NotificationsRead(user_id=me.id, count=1, everything=False, notification_ids=[first.id])
    ]


async def test_marking_all_read(gql: GQL, session: AsyncSession, clock: TestClock) -> None:
    me = await create_user(session)
    mine = [await create_notification(session, recipient=me) for _ in range(2)]
    theirs = await create_notification(session, recipient=await create_user(session))

    response = await gql(MARK, {"input": {"all": True}}, as_user=me)

    assert response.data["markNotificationsRead"] == {
        "__typename": "MarkNotificationsReadPayload",
        "markedCount": 2,
        "unreadCount": 0,
    }
    assert await read_events(session) == [
        NotificationsRead(user_id=me.id, count=2, everything=True, notification_ids=[])
    ]
    times = await read_times(session)
    assert [times[str(n.id)] for n in mine] == [clock.now(), clock.now()]
    assert times[str(theirs.id)] is None


async def test_someone_elses_ids_change_nothing(gql: GQL, session: AsyncSession) -> None:
    owner = await create_user(session)
    theirs = await create_notification(session, recipient=owner)
    intruder = await create_user(session, roles=["PLAYER", "MODERATOR"])
    before = await read_times(session)

    response = await gql(MARK, {"input": {"ids": [str(theirs.id)]}}, as_user=intruder)

    assert response.data["markNotificationsRead"]["markedCount"] == 0
    assert await read_times(session) == before
    assert await read_events(session) == []


@pytest.mark.parametrize(
    "given",
    [{}, {"ids": [], "all": True}, {"ids": ["00000000-0000-0000-0000-000000000000"] * 101}],
    ids=["neither", "both", "too-many"],
)
async def test_exactly_one_of_ids_or_all(
    gql: GQL, session: AsyncSession, given: dict[str, Any]
) -> None:
    me = await create_user(session)
    await create_notification(session, recipient=me)
    before = await read_times(session)

    response = await gql(MARK, {"input": given}, as_user=me)

    assert response.data["markNotificationsRead"]["__typename"] == "ValidationFailed"
    [field] = response.data["markNotificationsRead"]["fields"]
    assert field["path"] == "ids"
    assert await read_times(session) == before
