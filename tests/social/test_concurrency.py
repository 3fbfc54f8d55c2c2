"""Two people asking each other at the same moment become friends once."""

import asyncio

from sqlalchemy import func, select

from app.db import Database
from app.events.models import OutboxEvent
from app.social.models import FriendRequest, FriendRequestStatus, Friendship
from tests.factories import create_user
from tests.fixtures.racing import Racer

SEND = """
mutation($input: SendFriendRequestInput!) {
  sendFriendRequest(input: $input) {
    __typename ... on SendFriendRequestPayload { request { id status } }
  }
}
"""


async def test_crossed_requests_make_one_friendship(
    committed_database: Database, racer: Racer
) -> None:
    async with committed_database.transaction() as session:
        alice, boris = await create_user(session), await create_user(session)

    results = await asyncio.gather(
        racer(SEND, {"input": {"userId": str(boris.id)}}, alice),
        racer(SEND, {"input": {"userId": str(alice.id)}}, boris),
    )

    assert sorted(r["request"]["status"] for r in results) == ["ACCEPTED", "PENDING"]
    assert results[0]["request"]["id"] == results[1]["request"]["id"]
    async with committed_database.transaction() as session:
        requests = (await session.scalars(select(FriendRequest))).all()
        friendships = await session.scalar(select(func.count()).select_from(Friendship))
        accepted = await session.scalar(
            select(func.count())
            .select_from(OutboxEvent)
            .where(OutboxEvent.type == "social.friend_request_accepted")
        )
    assert [r.status for r in requests] == [FriendRequestStatus.ACCEPTED]
    assert friendships == 2
    assert accepted == 1
