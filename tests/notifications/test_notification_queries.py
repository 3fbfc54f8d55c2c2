"""notifications, unreadNotificationCount: my own in-app notifications, newest first."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from tests.factories import create_notification, create_user
from tests.fixtures.app import GQL
from tests.fixtures.statements import StatementCounter

LIST = """
query List($unreadOnly: Boolean, $first: Int, $after: String) {
  notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    nodes { id type title body link entityType entityId isRead readAt }
    pageInfo { hasNextPage endCursor }
  }
  unreadNotificationCount
}
"""


async def test_my_notifications_newest_first_with_paging(gql: GQL, session: AsyncSession) -> None:
    me = await create_user(session)
    start = utcnow()
    made = [
        await create_notification(session, recipient=me, created_at=start + timedelta(minutes=i))
        for i in range(5)
    ]
    made[0].read_at = start + timedelta(hours=1)
    await create_notification(session, recipient=await create_user(session))
    await create_notification(session, recipient=me, in_app=False)
    newest_first = [str(n.id) for n in reversed(made)]

    first = await gql(LIST, {"first": 3}, as_user=me)
    cursor = first.data["notifications"]["pageInfo"]["endCursor"]
    rest = await gql(LIST, {"first": 3, "after": cursor}, as_user=me)

    assert [n["id"] for n in first.data["notifications"]["nodes"]] == newest_first[:3]
    assert first.data["notifications"]["pageInfo"]["hasNextPage"] is True
    assert [n["id"] for n in rest.data["notifications"]["nodes"]] == newest_first[3:]
    assert rest.data["notifications"]["pageInfo"]["hasNextPage"] is False
    assert first.data["unreadNotificationCount"] == 4
    assert rest.data["notifications"]["nodes"][-1]["isRead"] is True


async def test_unread_only(gql: GQL, session: AsyncSession) -> None:
    me = await create_user(session)
    unread = await create_notification(session, recipient=me)
    await create_notification(session, recipient=me, read_at=utcnow())

    response = await gql(LIST, {"unreadOnly": True}, as_user=me)

    assert [n["id"] for n in response.data["notifications"]["nodes"]] == [str(unread.id)]
    assert (
        response.data["notifications"]["nodes"][0] | {"isRead": False, "readAt": None}
        == (response.data["notifications"]["nodes"][0])
    )


async def test_nobody_sees_anyone_elses_notifications(gql: GQL, session: AsyncSession) -> None:
    owner = await create_user(session)
    await create_notification(session, recipient=owner)
    moderator = await create_user(session, roles=["PLAYER", "MODERATOR"])

    response = await gql(LIST, {}, as_user=moderator)

    assert response.data == {
        "notifications": {"nodes": [], "pageInfo": {"hasNextPage": False, "endCursor": None}},
        "unreadNotificationCount": 0,
    }


async def test_the_list_costs_the_same_for_any_page_size(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    me = await create_user(session)
    for _ in range(30):
        await create_notification(session, recipient=me)
    await gql(LIST, {"first": 1}, as_user=me)

    with count_statements() as small:
        await gql(LIST, {"first": 1}, as_user=me)
    with count_statements() as large:
        await gql(LIST, {"first": 30}, as_user=me)

    assert len(small) == len(large) == 3, str(large)
