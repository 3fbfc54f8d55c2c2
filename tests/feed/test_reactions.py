"""Likes and comments on activities."""

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.feed.models import ActivityComment, ActivityLike
from tests.factories import create_activity, create_user
from tests.feed.helpers import feed_events, snapshot
from tests.fixtures.app import GQL, TestClock

LIKE = """
mutation($input: ActivityInput!) {
  likeActivity(input: $input) {
    __typename
    ... on ActivityPayload { activity { likesCount likedByMe } }
    ... on UserError { code }
  }
}
"""
UNLIKE = """
mutation($input: ActivityInput!) {
  unlikeActivity(input: $input) { __typename ... on ActivityPayload { activity { likesCount } } }
}
"""
COMMENT = """
mutation($input: CommentOnActivityInput!) {
  commentOnActivity(input: $input) {
    __typename
    ... on CommentOnActivityPayload { comment { id text author { id } } }
    ... on UserError { code }
  }
}
"""
DELETE = """
mutation($input: DeleteCommentInput!) {
  deleteComment(input: $input) { __typename ... on DeleteCommentPayload { commentId } }
}
"""
COMMENTS = """
query($id: ID!) { activityComments(activityId: $id) { nodes { text author { id } } } }
"""


async def test_liking_is_idempotent_and_unliking_undoes_it(gql: GQL, session: AsyncSession) -> None:
    fan = await create_user(session)
    activity = await create_activity(session, user=await create_user(session))
    variables = {"input": {"activityId": str(activity.id)}}

    first = await gql(LIKE, variables, as_user=fan)
    again = await gql(LIKE, variables, as_user=fan)
    assert first.data == again.data
    assert first.data["likeActivity"]["activity"] == {"likesCount": 1, "likedByMe": True}

    undone = await gql(UNLIKE, variables, as_user=fan)
    assert undone.data["unlikeActivity"]["activity"] == {"likesCount": 0}
    assert await feed_events(session) == ["feed.activity_liked", "feed.activity_unliked"]


async def test_activities_of_hidden_users_cannot_be_reached(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    """IDOR: a banned user's activity is not found, for likes and comments alike."""
    fan = await create_user(session)
    banned = await create_user(session, banned_until=clock.now() + timedelta(days=2))
    activity = await create_activity(session, user=banned)
    before = await snapshot(session)

    liked = await gql(LIKE, {"input": {"activityId": str(activity.id)}}, as_user=fan)
    commented = await gql(
        COMMENT, {"input": {"activityId": str(activity.id), "text": "!"}}, as_user=fan
    )
    listed = await gql(COMMENTS, {"id": str(activity.id)}, as_user=fan)

    assert liked.data["likeActivity"]["code"] == "NOT_FOUND"
    assert commented.data["commentOnActivity"]["code"] == "NOT_FOUND"
    assert listed.data["activityComments"] is None
    assert await snapshot(session) == before


async def test_comments_are_written_listed_and_deleted_by_their_author(
    gql: GQL, session: AsyncSession
) -> None:
    author, commenter = await create_user(session), await create_user(session)
    activity = await create_activity(session, user=author)

    written = await gql(
        COMMENT,
        {"input": {"activityId": str(activity.id), "text": " Красавцы! "}},
        as_user=commenter,
    )
    comment = written.data["commentOnActivity"]["comment"]
    listed = await gql(COMMENTS, {"id": str(activity.id)}, as_user=author)
    deleted = await gql(DELETE, {"input": {"commentId": comment["id"]}}, as_user=commenter)

    assert comment["text"] == "Красавцы!"
    assert listed.data["activityComments"]["nodes"] == [
        {"text": "Красавцы!", "author": {"id": str(commenter.id)}}
    ]
    assert deleted.data["deleteComment"] == {
        "__typename": "DeleteCommentPayload",
        "commentId": comment["id"],
    }
    assert await session.scalar(select(func.count()).select_from(ActivityComment)) == 0
    assert await feed_events(session) == ["feed.activity_commented", "feed.comment_deleted"]


async def test_only_the_author_or_a_moderator_deletes_a_comment(
    gql: GQL, session: AsyncSession
) -> None:
    """IDOR: even the activity's owner may not delete someone else's comment."""
    owner, commenter = await create_user(session), await create_user(session)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    activity = await create_activity(session, user=owner)
    comment = ActivityComment(activity_id=activity.id, author_id=commenter.id, text="спам")
    session.add(comment)
    await session.flush()
    before = await snapshot(session)
    variables = {"input": {"commentId": str(comment.id)}}

    by_owner = await gql(DELETE, variables, as_user=owner)
    assert by_owner.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before

    by_moderator = await gql(DELETE, variables, as_user=moderator)
    assert by_moderator.data["deleteComment"]["__typename"] == "DeleteCommentPayload"
    assert await session.scalar(select(func.count()).select_from(ActivityLike)) == 0
    assert await session.scalar(select(func.count()).select_from(ActivityComment)) == 0
