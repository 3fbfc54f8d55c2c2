"""The feed: the owner wrote the activity or the comment."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.feed.models import Activity, ActivityComment, ActivityLike
from tests.authz.matrix import Actor, Arrange, Case, Cast, Outcome, everyone_signed_in
from tests.factories import create_activity

AUTHOR_OR_STAFF = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: Outcome.ALLOWED,
    Actor.MODERATOR: Outcome.ALLOWED,
}


async def owners_activity(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"activityId": str((await create_activity(session, user=cast.owner)).id)}


async def owners_comment(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    activity = await create_activity(session, user=cast.owner)
    comment = ActivityComment(activity_id=activity.id, author_id=cast.owner.id, text="Вперёд!")
    session.add(comment)
    await session.flush()
    return {"commentId": str(comment.id)}


async def a_status(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"text": "Иду на площадку"}


async def a_comment(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {**await owners_activity(session, cast), "text": "Огонь"}


async def feed_state(session: AsyncSession, cast: Cast) -> object:
    activities = (await session.execute(select(Activity.id))).all()
    likes = (await session.execute(select(ActivityLike.activity_id, ActivityLike.user_id))).all()
    comments = (await session.execute(select(ActivityComment.id))).all()
    return sorted(map(str, activities)), sorted(map(str, likes)), sorted(map(str, comments))


def mutation(name: str, input_type: str, expect: dict[Actor, Outcome], arrange: Arrange) -> Case:
    document = f"mutation($v: {input_type}!) {{ {name}(input: $v) {{ __typename }} }}"

    async def wrapped(session: AsyncSession, cast: Cast) -> dict[str, Any]:
        return {"v": await arrange(session, cast)}

    return Case(f"Mutation.{name}", document, expect, arrange=wrapped, snapshot=feed_state)


async def comments_of_owners_activity(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"id": (await owners_activity(session, cast))["activityId"]}


CASES = [
    Case("Query.feed", "query { feed(first: 5) { nodes { id } } }", everyone_signed_in()),
    Case(
        "Query.activityComments",
        "query($id: ID!) { activityComments(activityId: $id) { nodes { id } } }",
        everyone_signed_in(),
        arrange=comments_of_owners_activity,
    ),
    mutation("postStatus", "PostStatusInput", everyone_signed_in(), a_status),
    mutation("likeActivity", "ActivityInput", everyone_signed_in(), owners_activity),
    mutation("unlikeActivity", "ActivityInput", everyone_signed_in(), owners_activity),
    mutation("commentOnActivity", "CommentOnActivityInput", everyone_signed_in(), a_comment),
    mutation("deleteComment", "DeleteCommentInput", AUTHOR_OR_STAFF, owners_comment),
]
