"""Friends and follows: the owner is the recipient or sender of the request, or the friend."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.social.models import Follow, FollowTarget, FriendRequest, Friendship
from tests.authz.matrix import Actor, Arrange, Case, Cast, Outcome, everyone_signed_in
from tests.factories import (
    create_follow,
    create_friend_request,
    create_friendship,
    create_playground,
    create_team,
    create_user,
)

PARTIES_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.HIDDEN,
    Actor.OWNER: Outcome.ALLOWED,
    Actor.MODERATOR: Outcome.HIDDEN,
}
FRIENDS_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.REFUSED,
    Actor.OWNER: Outcome.ALLOWED,
    Actor.MODERATOR: Outcome.REFUSED,
}


async def someone(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"userId": str((await create_user(session)).id)}


async def request_to_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    request = await create_friend_request(
        session, sender=await create_user(session), recipient=cast.owner
    )
    return {"requestId": str(request.id), "decision": "ACCEPT"}


async def request_by_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    request = await create_friend_request(
        session, sender=cast.owner, recipient=await create_user(session)
    )
    return {"requestId": str(request.id)}


async def friend_of_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    friend = await create_user(session)
    await create_friendship(session, cast.owner, friend)
    return {"userId": str(friend.id)}


async def a_team(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"teamId": str((await create_team(session)).id)}


async def a_playground(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"playgroundId": str((await create_playground(session)).id)}


async def followed_team(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    team = await create_team(session)
    for user in (cast.owner, cast.stranger, cast.moderator):
        await create_follow(session, follower=user, target=FollowTarget.TEAM, target_id=team.id)
    return {"teamId": str(team.id)}


async def owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"id": str(cast.owner.id)}


async def social_state(session: AsyncSession, cast: Cast) -> object:
    requests = (await session.execute(select(FriendRequest.id, FriendRequest.status))).all()
    friends = (await session.execute(select(Friendship.user_id, Friendship.friend_id))).all()
    follows = (await session.execute(select(Follow.follower_id, Follow.target_id))).all()
    return sorted(map(str, requests)), sorted(map(str, friends)), sorted(map(str, follows))


def mutation(name: str, expect: dict[Actor, Outcome], arrange: Arrange) -> Case:
    document = (
        f"mutation($v: {name[0].upper()}{name[1:]}Input!) {{ {name}(input: $v) {{ __typename }} }}"
    )

    async def wrapped(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        return {"v": await arrange(session, cast)}

    return Case(f"Mutation.{name}", document, expect, arrange=wrapped, snapshot=social_state)


def follow(name: str, input_type: str, arrange: Arrange) -> Case:
    document = f"mutation($v: {input_type}!) {{ {name}(input: $v) {{ __typename }} }}"

    async def wrapped(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        return {"v": await arrange(session, cast)}

    return Case(
        f"Mutation.{name}", document, everyone_signed_in(), arrange=wrapped, snapshot=social_state
    )


CASES = [
    Case(
        "Query.friends",
        "query($id: ID!) { friends(userId: $id) { nodes { since } } }",
        everyone_signed_in(),
        arrange=owner,
    ),
    Case(
        "Query.friendRequests",
        "query { friendRequests(direction: INCOMING) { nodes { id } } }",
        everyone_signed_in(),
    ),
    Case(
        "Query.friendSuggestions",
        "query { friendSuggestions { mutualFriends } }",
        everyone_signed_in(),
    ),
    Case(
        "Query.following",
        "query { following(target: TEAM) { nodes { targetId } } }",
        everyone_signed_in(),
    ),
    Case(
        "Query.followers",
        "query($id: ID!) { followers(target: USER, targetId: $id) { nodes { since } } }",
        everyone_signed_in(),
        arrange=owner,
    ),
    mutation("sendFriendRequest", everyone_signed_in(), someone),
    mutation("respondToFriendRequest", PARTIES_ONLY, request_to_owner),
    mutation("cancelFriendRequest", PARTIES_ONLY, request_by_owner),
    mutation("removeFriend", FRIENDS_ONLY, friend_of_owner),
    follow("followUser", "FollowUserInput", someone),
    follow("followTeam", "FollowTeamInput", a_team),
    follow("followPlayground", "FollowPlaygroundInput", a_playground),
    follow("unfollowUser", "FollowUserInput", someone),
    follow("unfollowTeam", "FollowTeamInput", followed_team),
    follow("unfollowPlayground", "FollowPlaygroundInput", a_playground),
]
