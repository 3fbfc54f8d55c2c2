"""postStatus and feed: the caller's own, friends', followed users' and followed teams' news."""

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.feed.models import ActivityType
from app.social.models import FollowTarget
from app.users.models import User
from tests.factories import (
    create_activity,
    create_follow,
    create_friendship,
    create_team,
    create_user,
)
from tests.feed.helpers import feed_events, snapshot
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.statements import StatementCounter

POST = """
mutation($input: PostStatusInput!) {
  postStatus(input: $input) {
    __typename
    ... on PostStatusPayload { activity { type text actor { id } } }
    ... on ValidationFailed { fields { path code } }
  }
}
"""

FEED = """
query($first: Int!, $after: String) {
  feed(first: $first, after: $after) {
    nodes {
      id type text actor { id } team { id } likesCount commentsCount likedByMe
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def test_a_status_is_posted(gql: GQL, session: AsyncSession) -> None:
    author = await create_user(session)

    response = await gql(POST, {"input": {"text": "  Кто на футбол?  "}}, as_user=author)

    assert response.data["postStatus"] == {
        "__typename": "PostStatusPayload",
        "activity": {
            "type": "STATUS_POSTED",
            "text": "Кто на футбол?",
            "actor": {"id": str(author.id)},
        },
    }
    assert await feed_events(session) == ["feed.status_posted"]


@pytest.mark.parametrize(("text", "code"), [("   ", "REQUIRED"), ("я" * 501, "TOO_LONG")])
async def test_an_invalid_status_is_refused(
    gql: GQL, session: AsyncSession, text: str, code: str
) -> None:
    author = await create_user(session)
    before = await snapshot(session)

    response = await gql(POST, {"input": {"text": text}}, as_user=author)

    assert response.data["postStatus"] == {
        "__typename": "ValidationFailed",
        "fields": [{"path": "text", "code": code}],
    }
    assert await snapshot(session) == before


async def test_the_feed_is_my_circle_not_the_platform(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    me, friend, followed, stranger = [await create_user(session) for _ in range(4)]
    banned_friend = await create_user(session, banned_until=clock.now() + timedelta(days=1))
    team, other_team = await create_team(session), await create_team(session)
    await create_friendship(session, me, friend)
    await create_friendship(session, me, banned_friend)
    await create_follow(session, follower=me, target=FollowTarget.USER, target_id=followed.id)
    await create_follow(session, follower=me, target=FollowTarget.TEAM, target_id=team.id)
    start = utcnow() - timedelta(hours=1)
    shown = []
    for minutes, kwargs in enumerate(
        [{"user": me}, {"user": friend}, {"user": followed}, {"team": team}]
    ):
        activity = await create_activity(
            session, created_at=start + timedelta(minutes=minutes), **kwargs
        )
        shown.append(str(activity.id))
    for kwargs in ({"user": stranger}, {"team": other_team}, {"user": banned_friend}):
        await create_activity(session, created_at=start, **kwargs)

    first = await gql(FEED, {"first": 3}, as_user=me)
    cursor = first.data["feed"]["pageInfo"]["endCursor"]
    second = await gql(FEED, {"first": 3, "after": cursor}, as_user=me)

    pages = first.data["feed"]["nodes"] + second.data["feed"]["nodes"]
    assert [node["id"] for node in pages] == shown[::-1]
    assert first.data["feed"]["pageInfo"]["hasNextPage"] is True
    assert second.data["feed"]["pageInfo"]["hasNextPage"] is False


async def follow_many(session: AsyncSession, me: User, sources: int) -> None:
    """``sources`` followed users and teams, each with two activities."""
    for n in range(sources):
        if n % 2:
            team = await create_team(session)
            await create_follow(session, follower=me, target=FollowTarget.TEAM, target_id=team.id)
            kwargs = {"team": team, "type": ActivityType.TOURNAMENT_REGISTERED, "text": None}
        else:
            user = await create_user(session)
            await create_friendship(session, me, user)
            kwargs = {"user": user}
        for _ in range(2):
            await create_activity(session, **kwargs)  # type: ignore[arg-type]


async def test_the_feed_costs_the_same_for_3_or_60_sources(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    few, many = await create_user(session), await create_user(session)
    await follow_many(session, few, 3)
    await follow_many(session, many, 60)

    with count_statements() as small:
        small_page = await gql(FEED, {"first": 50}, as_user=few)
    with count_statements() as large:
        large_page = await gql(FEED, {"first": 50}, as_user=many)

    assert len(small_page.data["feed"]["nodes"]) == 6
    assert len(large_page.data["feed"]["nodes"]) == 50
    assert len(small) == len(large), f"{small}\n---\n{large}"
    assert len(large) <= 12, str(large)


async def test_an_activity_reached_two_ways_shows_once(gql: GQL, session: AsyncSession) -> None:
    """A friend joining a followed team is one item, and does not crowd out the next one."""
    me, friend = await create_user(session), await create_user(session)
    team = await create_team(session)
    await create_friendship(session, me, friend)
    await create_follow(session, follower=me, target=FollowTarget.TEAM, target_id=team.id)
    start = utcnow() - timedelta(hours=1)
    older = await create_activity(session, user=friend, created_at=start)
    joined = await create_activity(
        session,
        user=friend,
        team=team,
        type=ActivityType.TEAM_JOINED,
        text=None,
        created_at=start + timedelta(minutes=1),
    )

    first = await gql(FEED, {"first": 1}, as_user=me)
    cursor = first.data["feed"]["pageInfo"]["endCursor"]
    second = await gql(FEED, {"first": 1, "after": cursor}, as_user=me)

    assert [n["id"] for n in first.data["feed"]["nodes"]] == [str(joined.id)]
    assert first.data["feed"]["pageInfo"]["hasNextPage"] is True
    assert [n["id"] for n in second.data["feed"]["nodes"]] == [str(older.id)]
    assert second.data["feed"]["pageInfo"]["hasNextPage"] is False
