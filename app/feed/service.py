"""The activity feed: what the caller's friends, followed users and followed teams did."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError, NotFoundError
from app.events import emit
from app.feed.events import (
    ActivityCommentDeleted,
    ActivityCommented,
    ActivityLiked,
    ActivityUnliked,
    StatusPosted,
)
from app.feed.models import Activity, ActivityComment, ActivityType
from app.feed.repository import FeedRepository
from app.pagination import Page, PageRequest
from app.social import service as social
from app.users import service as users
from app.validation import Validator

MAX_STATUS = 500
MAX_COMMENT = 1000


async def feed(session: AsyncSession, viewer: Principal, page: PageRequest) -> Page[Activity]:
    """The viewer's own activities too: a post shows up in the author's feed at once.

    Three statements whatever the number of sources: the sources, the hidden (banned)
    users, and the page.
    """
    user_ids, team_ids = await social.feed_sources(session, viewer.user_id)
    hidden = await users.hidden_user_ids(session, viewer)
    return await FeedRepository(session).page(
        user_ids=[viewer.user_id, *user_ids],
        team_ids=team_ids,
        hidden_user_ids=hidden,
        request=page,
    )


async def record(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """For the feed worker: write activities, skipping any already written."""
    await FeedRepository(session).record(rows)


async def post_status(
    session: AsyncSession, actor: Principal, text: str, *, now: datetime
) -> Activity:
    v = Validator()
    cleaned = v.text("text", text, min_len=1, max_len=MAX_STATUS, required=True)
    v.raise_if_any()
    activity = Activity(
        type=ActivityType.STATUS_POSTED, user_id=actor.user_id, text=cleaned, created_at=now
    )
    await FeedRepository(session).add(activity)
    event = StatusPosted(activity_id=activity.id, user_id=actor.user_id)
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return activity


async def get_activity(
    session: AsyncSession, viewer: Principal, activity_id: uuid.UUID
) -> Activity | None:
    """An activity is visible when its author's profile is (team activities always are)."""
    activity = await FeedRepository(session).get(activity_id)
    if activity is None:
        return None
    author = activity.user_id
    if author is None or author == viewer.user_id:
        return activity
    return activity if await users.get_user(session, viewer, author) is not None else None


async def like(
    session: AsyncSession, actor: Principal, activity_id: uuid.UUID, *, now: datetime
) -> Activity:
    """Liking twice is liking once."""
    activity = await _visible(session, actor, activity_id)
    if await FeedRepository(session).like(activity.id, actor.user_id, now):
        event = ActivityLiked(activity_id=activity.id, user_id=actor.user_id)
        emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return activity


async def unlike(
    session: AsyncSession, actor: Principal, activity_id: uuid.UUID, *, now: datetime
) -> Activity:
    activity = await _visible(session, actor, activity_id)
    if await FeedRepository(session).unlike(activity.id, actor.user_id):
        event = ActivityUnliked(activity_id=activity.id, user_id=actor.user_id)
        emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return activity


async def comment(
    session: AsyncSession, actor: Principal, activity_id: uuid.UUID, text: str, *, now: datetime
) -> ActivityComment:
    v = Validator()
    cleaned = v.text("text", text, min_len=1, max_len=MAX_COMMENT, required=True)
    v.raise_if_any()
    activity = await _visible(session, actor, activity_id)
    assert cleaned is not None
    row = ActivityComment(
        activity_id=activity.id, author_id=actor.user_id, text=cleaned, created_at=now
    )
    await FeedRepository(session).add(row)
    event = ActivityCommented(activity_id=activity.id, comment_id=row.id, author_id=actor.user_id)
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return row


async def delete_comment(
    session: AsyncSession, actor: Principal, comment_id: uuid.UUID, *, now: datetime
) -> None:
    """By its author or a moderator."""
    repo = FeedRepository(session)
    found = await repo.get_comment(comment_id)
    if found is None or await get_activity(session, actor, found.activity_id) is None:
        raise NotFoundError()
    if found.author_id != actor.user_id and not actor.is_staff:
        raise AccessDeniedError("Удалить комментарий может только его автор или модератор")
    event = ActivityCommentDeleted(
        activity_id=found.activity_id,
        comment_id=found.id,
        author_id=found.author_id,
        deleted_by=actor.user_id,
    )
    await repo.delete_comment(found)
    emit(session, event, actor_id=actor.user_id, occurred_at=now)


async def comments(
    session: AsyncSession, viewer: Principal, activity_id: uuid.UUID, page: PageRequest
) -> Page[ActivityComment] | None:
    if await get_activity(session, viewer, activity_id) is None:
        return None
    return await FeedRepository(session).comments_page(activity_id, page)


async def _visible(session: AsyncSession, actor: Principal, activity_id: uuid.UUID) -> Activity:
    activity = await get_activity(session, actor, activity_id)
    if activity is None:
        raise NotFoundError()
    return activity
