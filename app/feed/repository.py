from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Uuid,
    delete,
    func,
    literal,
    or_,
    select,
    true,
    tuple_,
    union,
)
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.feed.models import Activity, ActivityComment, ActivityLike
from app.pagination import (
    Page,
    PageRequest,
    SortKey,
    after_condition,
    build_page,
    decode_cursor,
    keyset,
)

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
        """The newest activities by ``user_ids`` or about ``team_ids``, each once, in one query.

        Each source contributes at most a page of its newest activities from its own index
        range (a LATERAL join per source), and the page is the newest of those: the work is
        bounded by sources x page size, however much older activity the sources have.
        """
        limit = request.first + 1
        conditions: list[ColumnElement[bool]] = []
        if request.after is not None:
            conditions.append(after_condition(NEWEST, decode_cursor(request.after, NEWEST)))
        if hidden_user_ids:
            conditions.append(
                or_(Activity.user_id.is_(None), Activity.user_id.not_in(hidden_user_ids))
            )
        candidates = union(
            _newest_of(Activity.user_id, user_ids, conditions, limit),
            _newest_of(Activity.team_id, team_ids, conditions, limit),
        ).subquery("candidates")
        page_ids = (
            select(candidates.c.id)
            .order_by(candidates.c.created_at.desc(), candidates.c.id.desc())
            .limit(limit)
        )
        stmt = select(Activity).where(Activity.id.in_(page_ids))
        rows = (await self.session.scalars(stmt.order_by(*(k.ordered for k in NEWEST)))).all()
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


def _newest_of(
    column: InstrumentedAttribute[uuid.UUID | None],
    ids: Sequence[uuid.UUID],
    conditions: Sequence[ColumnElement[bool]],
    limit: int,
) -> Select[tuple[uuid.UUID, datetime]]:
    """The ids of each source's newest ``limit`` activities (sources by ``column``)."""
    source = (
        func.unnest(literal(list(ids), ARRAY(Uuid))).table_valued("id").render_derived("source")
    )
    newest = (
        select(Activity.id, Activity.created_at)
        .where(column == source.c.id, *conditions)
        .order_by(*(key.ordered for key in NEWEST))
        .limit(limit)
        .lateral("newest")
    )
    return select(newest.c.id, newest.c.created_at).select_from(source).join(newest, true())
