"""friends, friendRequests and friendSuggestions."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.teams.models import TeamRole
from tests.factories import (
    add_member,
    create_friend_request,
    create_friendship,
    create_sport,
    create_team,
    create_user,
)
from tests.fixtures.app import GQL
from tests.fixtures.statements import StatementCounter

FRIENDS = "query($id: ID!) { friends(userId: $id) { nodes { since user { id } } } }"
REQUESTS = """
query($direction: FriendRequestDirection!) {
  friendRequests(direction: $direction) { nodes { id from { id } to { id } } }
}
"""
SUGGESTIONS = "query { friendSuggestions { user { id } mutualFriends } }"


async def test_friends_and_requests_lists(gql: GQL, session: AsyncSession) -> None:
    me, friend, asker, asked = [await create_user(session) for _ in range(4)]
    await create_friendship(session, me, friend)
    incoming = await create_friend_request(session, sender=asker, recipient=me)
    outgoing = await create_friend_request(session, sender=me, recipient=asked)

    friends = await gql(FRIENDS, {"id": str(friend.id)}, as_user=asker)
    received = await gql(REQUESTS, {"direction": "INCOMING"}, as_user=me)
    sent = await gql(REQUESTS, {"direction": "OUTGOING"}, as_user=me)

    assert [n["user"]["id"] for n in friends.data["friends"]["nodes"]] == [str(me.id)]
    assert [n["id"] for n in received.data["friendRequests"]["nodes"]] == [str(incoming.id)]
    assert [n["id"] for n in sent.data["friendRequests"]["nodes"]] == [str(outgoing.id)]


async def test_suggestions_rank_mutual_friends_then_teammates_city_and_sport(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    me = await create_user(session, city="Казань")
    friend_a, friend_b = await create_user(session), await create_user(session)
    await create_friendship(session, me, friend_a)
    await create_friendship(session, me, friend_b)
    two_mutual, one_mutual = await create_user(session), await create_user(session)
    for friend in (friend_a, friend_b):
        await create_friendship(session, friend, two_mutual)
    await create_friendship(session, friend_a, one_mutual)
    sport = await create_sport(session)
    team = await create_team(session, captain=me, sport=sport)
    teammate = await add_member(session, team=team, role=TeamRole.PLAYER)
    same_city = await create_user(session, city="казань")
    other_team = await create_team(session, sport=sport)
    same_sport = await add_member(session, team=other_team)
    pending = await create_user(session, city="Казань")
    await create_friend_request(session, sender=pending, recipient=me)
    await create_user(session, city="Омск")

    with count_statements() as log:
        response = await gql(SUGGESTIONS, as_user=me)

    ranked = [(s["user"]["id"], s["mutualFriends"]) for s in response.data["friendSuggestions"]]
    ids = [user_id for user_id, _ in ranked]
    assert ranked[:3] == [(str(two_mutual.id), 2), (str(one_mutual.id), 1), (str(teammate.id), 0)]
    assert ids.index(str(same_city.id)) < ids.index(str(same_sport.id))
    assert not {str(pending.id), str(friend_a.id), str(me.id)} & set(ids)
    assert len(log) <= 4, str(log)
