"""sendFriendRequest, respondToFriendRequest, cancelFriendRequest, removeFriend."""

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.social.models import FriendRequest, FriendRequestStatus
from tests.factories import create_friend_request, create_friendship, create_user
from tests.fixtures.app import GQL, TestClock
from tests.social.helpers import friend_pairs, snapshot, social_events

SEND = """
mutation Send($input: SendFriendRequestInput!) {
  sendFriendRequest(input: $input) {
    __typename
    ... on SendFriendRequestPayload { request { id status from { id } to { id } } }
    ... on UserError { code }
  }
}
"""

RESPOND = """
mutation Respond($input: RespondToFriendRequestInput!) {
  respondToFriendRequest(input: $input) {
    __typename
    ... on RespondToFriendRequestPayload { request { status decidedAt } }
    ... on UserError { code }
  }
}
"""

CANCEL = """
mutation Cancel($input: CancelFriendRequestInput!) {
  cancelFriendRequest(input: $input) {
    __typename
    ... on CancelFriendRequestPayload { request { status } }
    ... on UserError { code }
  }
}
"""

REMOVE = """
mutation Remove($input: RemoveFriendInput!) {
  removeFriend(input: $input) {
    __typename
    ... on RemoveFriendPayload { userId }
    ... on UserError { code }
  }
}
"""


def to(user: Any) -> dict[str, Any]:
    return {"input": {"userId": str(user.id)}}


def answer(request: FriendRequest, decision: str) -> dict[str, Any]:
    return {"input": {"requestId": str(request.id), "decision": decision}}


async def test_a_request_is_sent_and_announced(gql: GQL, session: AsyncSession) -> None:
    alice, boris = await create_user(session), await create_user(session)

    response = await gql(SEND, to(boris), as_user=alice)

    request = response.data["sendFriendRequest"]["request"]
    assert request["status"] == "PENDING"
    assert (request["from"]["id"], request["to"]["id"]) == (str(alice.id), str(boris.id))
    [event] = await social_events(session)
    assert event.type == "social.friend_request_sent"
    assert event.payload["to_user_id"] == str(boris.id)
    assert await friend_pairs(session) == set()


async def test_asking_someone_who_asked_you_accepts_their_request(
    gql: GQL, session: AsyncSession
) -> None:
    """Crossed requests become one friendship, not two pending requests."""
    alice, boris = await create_user(session), await create_user(session)
    theirs = await create_friend_request(session, sender=boris, recipient=alice)

    response = await gql(SEND, to(boris), as_user=alice)

    request = response.data["sendFriendRequest"]["request"]
    assert (request["id"], request["status"]) == (str(theirs.id), "ACCEPTED")
    assert await friend_pairs(session) == {
        (str(alice.id), str(boris.id)),
        (str(boris.id), str(alice.id)),
    }
    assert [e.type for e in await social_events(session)] == ["social.friend_request_accepted"]


@pytest.mark.parametrize(
    ("arrange", "code"),
    [
        ("self", "CANNOT_BEFRIEND_SELF"),
        ("friends", "ALREADY_FRIENDS"),
        ("sent", "FRIEND_REQUEST_ALREADY_SENT"),
        ("banned", "NOT_FOUND"),
        ("missing", "NOT_FOUND"),
    ],
)
async def test_requests_that_are_refused(
    gql: GQL, session: AsyncSession, clock: TestClock, arrange: str, code: str
) -> None:
    alice, boris = await create_user(session), await create_user(session)
    target: Any = boris
    if arrange == "self":
        target = alice
    elif arrange == "friends":
        await create_friendship(session, alice, boris)
    elif arrange == "sent":
        await create_friend_request(session, sender=alice, recipient=boris)
    elif arrange == "banned":
        boris.banned_until = clock.now() + timedelta(days=1)
    elif arrange == "missing":
        target = await create_user(session)
        await session.delete(target)
    before = await snapshot(session)

    response = await gql(SEND, to(target), as_user=alice)

    assert response.data["sendFriendRequest"]["code"] == code
    assert await snapshot(session) == before


async def test_the_recipient_accepts(gql: GQL, session: AsyncSession) -> None:
    alice, boris = await create_user(session), await create_user(session)
    request = await create_friend_request(session, sender=alice, recipient=boris)

    response = await gql(RESPOND, answer(request, "ACCEPT"), as_user=boris)

    assert response.data["respondToFriendRequest"]["request"]["status"] == "ACCEPTED"
    assert len(await friend_pairs(session)) == 2
    [event] = await social_events(session)
    assert event.type == "social.friend_request_accepted"
    assert event.payload["from_user_id"] == str(alice.id)


async def test_the_recipient_declines(gql: GQL, session: AsyncSession) -> None:
    alice, boris = await create_user(session), await create_user(session)
    request = await create_friend_request(session, sender=alice, recipient=boris)

    response = await gql(RESPOND, answer(request, "DECLINE"), as_user=boris)

    assert response.data["respondToFriendRequest"]["request"]["status"] == "DECLINED"
    assert await friend_pairs(session) == set()
    assert [e.type for e in await social_events(session)] == ["social.friend_request_declined"]


@pytest.mark.parametrize("decision", ["ACCEPT", "DECLINE"])
async def test_only_the_recipient_may_answer(
    gql: GQL, session: AsyncSession, decision: str
) -> None:
    """IDOR: a stranger learns nothing; the sender may see it but not answer it."""
    alice, boris, eve = [await create_user(session) for _ in range(3)]
    request = await create_friend_request(session, sender=alice, recipient=boris)
    before = await snapshot(session)

    by_stranger = await gql(RESPOND, answer(request, decision), as_user=eve)
    by_sender = await gql(RESPOND, answer(request, decision), as_user=alice)

    assert by_stranger.data["respondToFriendRequest"]["code"] == "NOT_FOUND"
    assert by_sender.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before


async def test_an_answered_request_cannot_be_answered_again(
    gql: GQL, session: AsyncSession
) -> None:
    alice, boris = await create_user(session), await create_user(session)
    request = await create_friend_request(session, sender=alice, recipient=boris)
    request.status = FriendRequestStatus.DECLINED
    await session.flush()
    before = await snapshot(session)

    response = await gql(RESPOND, answer(request, "ACCEPT"), as_user=boris)

    assert response.data["respondToFriendRequest"]["code"] == "FRIEND_REQUEST_NOT_PENDING"
    assert await snapshot(session) == before


async def test_the_sender_cancels_but_nobody_else_does(gql: GQL, session: AsyncSession) -> None:
    alice, boris, eve = [await create_user(session) for _ in range(3)]
    request = await create_friend_request(session, sender=alice, recipient=boris)
    before = await snapshot(session)
    variables = {"input": {"requestId": str(request.id)}}

    by_stranger = await gql(CANCEL, variables, as_user=eve)
    by_recipient = await gql(CANCEL, variables, as_user=boris)
    assert by_stranger.data["cancelFriendRequest"]["code"] == "NOT_FOUND"
    assert by_recipient.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before

    response = await gql(CANCEL, variables, as_user=alice)
    assert response.data["cancelFriendRequest"]["request"]["status"] == "CANCELLED"
    assert [e.type for e in await social_events(session)] == ["social.friend_request_cancelled"]


async def test_removing_a_friend_ends_it_both_ways(gql: GQL, session: AsyncSession) -> None:
    alice, boris = await create_user(session), await create_user(session)
    await create_friendship(session, alice, boris)

    response = await gql(REMOVE, to(boris), as_user=alice)

    assert response.data["removeFriend"] == {
        "__typename": "RemoveFriendPayload",
        "userId": str(boris.id),
    }
    assert await friend_pairs(session) == set()
    assert [e.type for e in await social_events(session)] == ["social.friend_removed"]


async def test_removing_someone_who_is_not_a_friend(gql: GQL, session: AsyncSession) -> None:
    alice, boris, carol = [await create_user(session) for _ in range(3)]
    await create_friendship(session, boris, carol)
    before = await snapshot(session)

    response = await gql(REMOVE, to(carol), as_user=alice)

    assert response.data["removeFriend"]["code"] == "NOT_FRIENDS"
    assert await snapshot(session) == before
