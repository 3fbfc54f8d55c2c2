from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import String, and_, cast, delete, func, literal, or_, select, text, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.pagination import Page, PageRequest, SortKey, build_page, keyset
from app.social.events import pair_key
from app.social.models import (
    Follow,
    FollowTarget,
    FriendRequest,
    FriendRequestStatus,
    Friendship,
)

NEWEST_FRIENDS = (
    SortKey(Friendship.created_at, datetime, descending=True),
    SortKey(Friendship.friend_id, uuid.UUID, descending=True),
)
NEWEST_REQUESTS = (
    SortKey(FriendRequest.created_at, datetime, descending=True),
    SortKey(FriendRequest.id, uuid.UUID, descending=True),
)
NEWEST_FOLLOWS = (
    SortKey(Follow.created_at, datetime, descending=True),
    SortKey(Follow.target_id, uuid.UUID, descending=True),
)
NEWEST_FOLLOWERS = (
    SortKey(Follow.created_at, datetime, descending=True),
    SortKey(Follow.follower_id, uuid.UUID, descending=True),
)

SUGGESTIONS = text(
    """
    WITH my_friends AS (
        SELECT friend_id FROM friendships WHERE user_id = :me
    ), my_teams AS (
        SELECT m.team_id, t.sport_id FROM team_members m JOIN teams t ON t.id = m.team_id
        WHERE m.user_id = :me AND t.disbanded_at IS NULL
    ), candidates AS (
        SELECT f.friend_id AS user_id, 1 AS mutual, 0 AS teammates, 0 AS sports
        FROM friendships f JOIN my_friends mf ON mf.friend_id = f.user_id
        UNION ALL
        SELECT m.user_id, 0, 1, 0 FROM team_members m JOIN my_teams t ON t.team_id = m.team_id
        UNION ALL
        SELECT DISTINCT m.user_id, 0, 0, 1
        FROM team_members m JOIN teams t ON t.id = m.team_id
        WHERE t.sport_id IN (SELECT sport_id FROM my_teams) AND t.disbanded_at IS NULL
    ), scored AS (
        SELECT user_id, sum(mutual) AS mutual, sum(teammates) AS teammates,
               max(sports) AS sports
        FROM candidates GROUP BY user_id
    )
    SELECT u.id, coalesce(s.mutual, 0) AS mutual,
           (coalesce(s.mutual, 0) * 10 + coalesce(s.teammates, 0) * 5
            + CASE WHEN lower(u.city) = lower(me.city) THEN 3 ELSE 0 END
            + coalesce(s.sports, 0) * 2) AS score
    FROM users me
    JOIN users u ON u.id <> me.id
    LEFT JOIN scored s ON s.user_id = u.id
    WHERE me.id = :me
      AND (s.user_id IS NOT NULL OR lower(u.city) = lower(me.city))
      AND (u.banned_until IS NULL OR u.banned_until < :now)
      AND u.id NOT IN (SELECT friend_id FROM my_friends)
      AND NOT EXISTS (
          SELECT 1 FROM friend_requests r
          WHERE r.status = 'PENDING'
            AND ((r.from_user_id = :me AND r.to_user_id = u.id)
              OR (r.from_user_id = u.id AND r.to_user_id = :me))
      )
    ORDER BY score DESC, mutual DESC, u.id
    LIMIT :limit
    """
)


class SocialRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock_pair(self, a: uuid.UUID, b: uuid.UUID) -> None:
        """Serialise everything about one pair of users (mutual requests sent at once)."""
        key = f"friends:{pair_key(a, b)}"
        await self.session.execute(
            select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0)))
        )

    async def find_request(self, request_id: uuid.UUID) -> FriendRequest | None:
        return await self.session.get(FriendRequest, request_id)

    async def get_request(self, request_id: uuid.UUID) -> FriendRequest | None:
        return await self.session.get(
            FriendRequest, request_id, with_for_update=True, populate_existing=True
        )

    async def pending_between(self, a: uuid.UUID, b: uuid.UUID) -> FriendRequest | None:
        stmt = select(FriendRequest).where(
            FriendRequest.status == FriendRequestStatus.PENDING,
            or_(
                and_(FriendRequest.from_user_id == a, FriendRequest.to_user_id == b),
                and_(FriendRequest.from_user_id == b, FriendRequest.to_user_id == a),
            ),
        )
        return await self.session.scalar(stmt.execution_options(populate_existing=True))

    async def add_request(self, from_id: uuid.UUID, to_id: uuid.UUID) -> FriendRequest:
        request = FriendRequest(from_user_id=from_id, to_user_id=to_id)
        self.session.add(request)
        await self.session.flush()
        return request

    async def are_friends(self, a: uuid.UUID, b: uuid.UUID) -> bool:
        stmt = select(Friendship.user_id).where(Friendship.user_id == a, Friendship.friend_id == b)
        return await self.session.scalar(stmt) is not None

    async def friend_pairs(
        self, pairs: Sequence[tuple[uuid.UUID, uuid.UUID]]
    ) -> set[tuple[uuid.UUID, uuid.UUID]]:
        stmt = select(Friendship.user_id, Friendship.friend_id).where(
            tuple_(Friendship.user_id, Friendship.friend_id).in_(list(pairs))
        )
        return {(row[0], row[1]) for row in (await self.session.execute(stmt)).all()}

    async def befriend(self, a: uuid.UUID, b: uuid.UUID, now: datetime) -> None:
        rows = [
            {"user_id": a, "friend_id": b, "created_at": now},
            {"user_id": b, "friend_id": a, "created_at": now},
        ]
        await self.session.execute(insert(Friendship).values(rows).on_conflict_do_nothing())

    async def unfriend(self, a: uuid.UUID, b: uuid.UUID) -> bool:
        stmt = delete(Friendship).where(
            or_(
                and_(Friendship.user_id == a, Friendship.friend_id == b),
                and_(Friendship.user_id == b, Friendship.friend_id == a),
            )
        )
        result = await self.session.execute(stmt)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def friends_page(self, user_id: uuid.UUID, request: PageRequest) -> Page[Friendship]:
        stmt = select(Friendship).where(Friendship.user_id == user_id)
        rows = (await self.session.scalars(keyset(stmt, NEWEST_FRIENDS, request))).all()
        return build_page(rows, request, lambda f: (f.created_at, f.friend_id))

    async def requests_page(
        self, user_id: uuid.UUID, *, incoming: bool, request: PageRequest
    ) -> Page[FriendRequest]:
        mine = FriendRequest.to_user_id if incoming else FriendRequest.from_user_id
        stmt = select(FriendRequest).where(
            mine == user_id, FriendRequest.status == FriendRequestStatus.PENDING
        )
        rows = (await self.session.scalars(keyset(stmt, NEWEST_REQUESTS, request))).all()
        return build_page(rows, request, lambda r: (r.created_at, r.id))

    async def friend_ids(self, user_id: uuid.UUID) -> list[uuid.UUID]:
        stmt = select(Friendship.friend_id).where(Friendship.user_id == user_id)
        return list((await self.session.scalars(stmt)).all())

    async def feed_sources(self, user_id: uuid.UUID) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
        """Friends and followed users, and followed teams, in one statement."""
        kind = literal(FollowTarget.USER.value, String(16)).label("kind")
        friends = select(Friendship.friend_id.label("id"), kind).where(
            Friendship.user_id == user_id
        )
        follows = select(Follow.target_id, cast(Follow.target, String(16))).where(
            Follow.follower_id == user_id,
            Follow.target.in_([FollowTarget.USER, FollowTarget.TEAM]),
        )
        rows = (await self.session.execute(friends.union(follows))).all()
        users = [row[0] for row in rows if row[1] == FollowTarget.USER.value]
        teams = [row[0] for row in rows if row[1] == FollowTarget.TEAM.value]
        return users, teams

    async def suggestions(
        self, user_id: uuid.UUID, *, limit: int, now: datetime
    ) -> list[tuple[uuid.UUID, int]]:
        rows = await self.session.execute(SUGGESTIONS, {"me": user_id, "limit": limit, "now": now})
        return [(row.id, int(row.mutual)) for row in rows]

    async def follow(
        self, follower_id: uuid.UUID, target: FollowTarget, target_id: uuid.UUID, now: datetime
    ) -> bool:
        stmt = (
            insert(Follow)
            .values(follower_id=follower_id, target=target, target_id=target_id, created_at=now)
            .on_conflict_do_nothing()
            .returning(Follow.target_id)
        )
        return (await self.session.scalar(stmt)) is not None

    async def unfollow(
        self, follower_id: uuid.UUID, target: FollowTarget, target_id: uuid.UUID
    ) -> bool:
        stmt = delete(Follow).where(
            Follow.follower_id == follower_id,
            Follow.target == target,
            Follow.target_id == target_id,
        )
        result = await self.session.execute(stmt)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def following_page(
        self, user_id: uuid.UUID, target: FollowTarget, request: PageRequest
    ) -> Page[Follow]:
        stmt = select(Follow).where(Follow.follower_id == user_id, Follow.target == target)
        rows = (await self.session.scalars(keyset(stmt, NEWEST_FOLLOWS, request))).all()
        return build_page(rows, request, lambda f: (f.created_at, f.target_id))

    async def followers_page(
        self, target: FollowTarget, target_id: uuid.UUID, request: PageRequest
    ) -> Page[Follow]:
        stmt = select(Follow).where(Follow.target == target, Follow.target_id == target_id)
        rows = (await self.session.scalars(keyset(stmt, NEWEST_FOLLOWERS, request))).all()
        return build_page(rows, request, lambda f: (f.created_at, f.follower_id))

    async def follower_counts(
        self, target: FollowTarget, target_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, int]:
        stmt = (
            select(Follow.target_id, func.count())
            .where(Follow.target == target, Follow.target_id.in_(target_ids))
            .group_by(Follow.target_id)
        )
        return {row[0]: row[1] for row in (await self.session.execute(stmt)).all()}

    async def following_counts(self, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        stmt = (
            select(Follow.follower_id, func.count())
            .where(Follow.follower_id.in_(user_ids))
            .group_by(Follow.follower_id)
        )
        return {row[0]: row[1] for row in (await self.session.execute(stmt)).all()}

    async def friend_counts(self, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        stmt = (
            select(Friendship.user_id, func.count())
            .where(Friendship.user_id.in_(user_ids))
            .group_by(Friendship.user_id)
        )
        return {row[0]: row[1] for row in (await self.session.execute(stmt)).all()}
