"""followUser/Team/Playground, unfollow*, the lists and the counts on the followed types."""

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.playgrounds.models import PlaygroundStatus
from app.social.models import FollowTarget
from tests.factories import (
    create_follow,
    create_friendship,
    create_playground,
    create_team,
    create_user,
)
from tests.fixtures.app import GQL
from tests.social.helpers import snapshot, social_events

FOLLOW = """
mutation($u: FollowUserInput!, $t: FollowTeamInput!, $p: FollowPlaygroundInput!) {
  followUser(input: $u) { __typename ... on FollowPayload { following } ... on UserError { code } }
  followTeam(input: $t) { __typename ... on FollowPayload { targetId } }
  followPlayground(input: $p) { __typename ... on FollowPayload { target } }
}
"""

FOLLOW_USER = """
mutation($i: FollowUserInput!) { followUser(input: $i) { __typename ... on UserError { code } } }
"""

UNFOLLOW = """
mutation($u: FollowUserInput!, $t: FollowTeamInput!, $p: FollowPlaygroundInput!) {
  unfollowUser(input: $u) { __typename ... on FollowPayload { following } }
  unfollowTeam(input: $t) { __typename }
  unfollowPlayground(input: $p) { __typename }
}
"""

COUNTS = """
query($user: ID!, $team: ID!, $playground: ID!) {
  user(id: $user) { followersCount followingCount friendsCount }
  team(id: $team) { followersCount }
  playground(id: $playground) { followersCount }
  me { followingCount }
}
"""

FOLLOWING = """
query($target: FollowTarget!) {
  following(target: $target) {
    nodes { target targetId user { id } team { id } playground { id } }
  }
}
"""

FOLLOWERS = """
query($target: FollowTarget!, $id: ID!) {
  followers(target: $target, targetId: $id) { nodes { user { id } } }
}
"""


async def targets(session: AsyncSession) -> dict[str, Any]:
    return {
        "user": await create_user(session),
        "team": await create_team(session),
        "playground": await create_playground(session),
    }


def inputs(t: dict[str, Any]) -> dict[str, Any]:
    return {
        "u": {"userId": str(t["user"].id)},
        "t": {"teamId": str(t["team"].id)},
        "p": {"playgroundId": str(t["playground"].id)},
    }


async def test_following_is_idempotent_and_counted(gql: GQL, session: AsyncSession) -> None:
    fan = await create_user(session)
    t = await targets(session)

    first = await gql(FOLLOW, inputs(t), as_user=fan)
    again = await gql(FOLLOW, inputs(t), as_user=fan)
    counts = await gql(
        COUNTS,
        {
            "user": str(t["user"].id),
            "team": str(t["team"].id),
            "playground": str(t["playground"].id),
        },
        as_user=fan,
    )

    assert first.data == again.data
    assert first.data["followUser"] == {"__typename": "FollowPayload", "following": True}
    assert counts.data == {
        "user": {"followersCount": 1, "followingCount": 0, "friendsCount": 0},
        "team": {"followersCount": 1},
        "playground": {"followersCount": 1},
        "me": {"followingCount": 3},
    }
    assert [e.type for e in await social_events(session)] == ["social.followed"] * 3


async def test_unfollowing(gql: GQL, session: AsyncSession) -> None:
    fan = await create_user(session)
    t = await targets(session)
    for kind, key in ((FollowTarget.USER, "user"), (FollowTarget.TEAM, "team")):
        await create_follow(session, follower=fan, target=kind, target_id=t[key].id)

    response = await gql(UNFOLLOW, inputs(t), as_user=fan)

    assert response.data["unfollowUser"] == {"__typename": "FollowPayload", "following": False}
    assert response.data["unfollowPlayground"] == {"__typename": "FollowPayload"}
    assert [e.type for e in await social_events(session)] == ["social.unfollowed"] * 2
    assert (await snapshot(session))["follows"] == []


async def test_following_oneself_is_refused(gql: GQL, session: AsyncSession) -> None:
    fan = await create_user(session)
    before = await snapshot(session)

    response = await gql(FOLLOW_USER, {"i": {"userId": str(fan.id)}}, as_user=fan)

    assert response.data["followUser"] == {
        "__typename": "CannotFollowSelf",
        "code": "CANNOT_FOLLOW_SELF",
    }
    assert await snapshot(session) == before


@pytest.mark.parametrize("target", ["team", "playground"])
async def test_disbanded_teams_and_unapproved_playgrounds_cannot_be_followed(
    gql: GQL, session: AsyncSession, target: str
) -> None:
    fan = await create_user(session)
    if target == "team":
        thing = await create_team(session, disbanded_at=utcnow())
        query, variables = (
            "mutation($i: FollowTeamInput!) { followTeam(input: $i) { __typename } }",
            {"i": {"teamId": str(thing.id)}},
        )
    else:
        thing = await create_playground(session, status=PlaygroundStatus.PENDING)
        query, variables = (
            "mutation($i: FollowPlaygroundInput!) { followPlayground(input: $i) { __typename } }",
            {"i": {"playgroundId": str(thing.id)}},
        )
    before = await snapshot(session)

    response = await gql(query, variables, as_user=fan)

    assert next(iter(response.data.values())) == {"__typename": "NotFound"}
    assert await snapshot(session) == before


async def test_lists_of_follows_and_followers(gql: GQL, session: AsyncSession) -> None:
    fan, other = await create_user(session), await create_user(session)
    t = await targets(session)
    await create_follow(session, follower=fan, target=FollowTarget.TEAM, target_id=t["team"].id)
    await create_follow(session, follower=other, target=FollowTarget.TEAM, target_id=t["team"].id)
    await create_friendship(session, fan, other)

    following = await gql(FOLLOWING, {"target": "TEAM"}, as_user=fan)
    followers = await gql(FOLLOWERS, {"target": "TEAM", "id": str(t["team"].id)}, as_user=fan)

    assert following.data["following"]["nodes"] == [
        {
            "target": "TEAM",
            "targetId": str(t["team"].id),
            "user": None,
            "team": {"id": str(t["team"].id)},
            "playground": None,
        }
    ]
    assert {n["user"]["id"] for n in followers.data["followers"]["nodes"]} == {
        str(fan.id),
        str(other.id),
    }
