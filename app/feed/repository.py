from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.feed.models import Activity, ActivityComment, ActivityLike
from app.pagination import Page, PageRequest, SortKey, build_page, keyset

NEWEST = (
    SortKey(Activity.created_at, datetime, descending=True),
    SortKey(Activity.id, uuid.UUID, descending=True),
)
OLDEST_COMMENTS = (
    SortKey(ActivityComment.created_at, datetime),
    SortKey(ActivityComment.id, uuid.UUID),
)


class FeedRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert activities; one whose ``source_key`` exists already is skipped."""
        if rows:
            stmt = insert(Activity).values(list(rows)).on_conflict_do_nothing()
            await self.session.execute(stmt)

    async def add(self, activity: Activity | ActivityComment) -> None:
        self.session.add(activity)
        await self.session.flush()

    async def get(self, activity_id: uuid.UUID) -> Activity | None:
        return await self.session.get(Activity, activity_id)

    async def get_many(self, ids: Sequence[uuid.UUID]) -> list[Activity]:
        return list(
            (await self.session.scalars(select(Activity).where(Activity.id.in_(ids)))).all()
        )

    async def page(
        self,
        *,
        user_ids: Sequence[uuid.UUID],
        team_ids: Sequence[uuid.UUID],
        hidden_user_ids: Sequence[uuid.UUID],
        request: PageRequest,
    ) -> Page[Activity]:
        """The newest activities by ``user_ids`` or about ``team_ids``, in one statement.

        Both arms are index ranges (``ix_activities_user_feed``, ``ix_activities_team_feed``)
        that PostgreSQL merges in order under the limit.
        """
        stmt = select(Activity).where(
            or_(Activity.user_id.in_(user_ids), Activity.team_id.in_(team_ids))
        )
        if hidden_user_ids:
            stmt = stmt.where(
                or_(Activity.user_id.is_(None), Activity.user_id.not_in(hidden_user_ids))
            )
        rows = (await self.session.scalars(keyset(stmt, NEWEST, request))).all()
        return build_page(rows, request, lambda a: (a.created_at, a.id))

    async def like(self, activity_id: uuid.UUID, user_id: uuid.UUID, now: datetime) -> bool:
        stmt = (
            insert(ActivityLike)
            .values(activity_id=activity_id, user_id=user_id, created_at=now)
            .on_conflict_do_nothing()
            .returning(ActivityLike.user_id)
        )
        return (await self.session.scalar(stmt)) is not None

    async def unlike(self, activity_id: uuid.UUID, user_id: uuid.UUID) -> bool:
        stmt = delete(ActivityLike).where(
            ActivityLike.activity_id == activity_id, ActivityLike.user_id == user_id
        )
        return bool((await self.session.execute(stmt)).rowcount)  # type: ignore[attr-defined]

    async def like_counts(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        stmt = (
            select(ActivityLike.activity_id, func.count())
            .where(ActivityLike.activity_id.in_(ids))
            .group_by(ActivityLike.activity_id)
        )
        return {row[0]: row[1] for row in (await self.session.execute(stmt)).all()}

    async def comment_counts(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        stmt = (
            select(ActivityComment.activity_id, func.count())
            .where(ActivityComment.activity_id.in_(ids))
            .group_by(ActivityComment.activity_id)
        )
        return {row[0]: row[1] for row in (await self.session.execute(stmt)).all()}

    async def liked_pairs(
        self, pairs: Sequence[tuple[uuid.UUID, uuid.UUID]]
    ) -> set[tuple[uuid.UUID, uuid.UUID]]:
        """Which ``(activity, user)`` pairs are likes."""
        stmt = select(ActivityLike.activity_id, ActivityLike.user_id).where(
            tuple_(ActivityLike.activity_id, ActivityLike.user_id).in_(list(pairs))
        )
        return {(row[0], row[1]) for row in (await self.session.execute(stmt)).all()}

    async def get_comment(self, comment_id: uuid.UUID) -> ActivityComment | None:
        return await self.session.get(ActivityComment, comment_id)

    async def delete_comment(self, comment: ActivityComment) -> None:
        await self.session.delete(comment)
        await self.session.flush()

    async def comments_page(
        self, activity_id: uuid.UUID, request: PageRequest
    ) -> Page[ActivityComment]:
        stmt = select(ActivityComment).where(ActivityComment.activity_id == activity_id)
        rows = (await self.session.scalars(keyset(stmt, OLDEST_COMMENTS, request))).all()
        return build_page(rows, request, lambda c: (c.created_at, c.id))
