"""Following users, teams and playgrounds: idempotent, one row per follower and target."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import NotFoundError
from app.events import emit
from app.pagination import Page, PageRequest
from app.playgrounds import service as playgrounds
from app.social.errors import CannotFollowSelfError
from app.social.events import Followed, Unfollowed
from app.social.models import Follow, FollowTarget
from app.social.repository import SocialRepository
from app.teams import service as teams
from app.users import service as users


async def follow(
    session: AsyncSession,
    actor: Principal,
    target: FollowTarget,
    target_id: uuid.UUID,
    *,
    now: datetime,
) -> None:
    """Following twice is the same as once (no second event)."""
    if target is FollowTarget.USER and target_id == actor.user_id:
        raise CannotFollowSelfError()
    if not await _visible(session, actor, target, target_id):
        raise NotFoundError()
    if await SocialRepository(session).follow(actor.user_id, target, target_id, now):
        event = Followed(follower_id=actor.user_id, target=target.value, target_id=target_id)
        emit(session, event, actor_id=actor.user_id, occurred_at=now)


async def unfollow(
    session: AsyncSession,
    actor: Principal,
    target: FollowTarget,
    target_id: uuid.UUID,
    *,
    now: datetime,
) -> None:
    """Unfollowing what one does not follow changes nothing and is not an error."""
    if await SocialRepository(session).unfollow(actor.user_id, target, target_id):
        event = Unfollowed(follower_id=actor.user_id, target=target.value, target_id=target_id)
        emit(session, event, actor_id=actor.user_id, occurred_at=now)


async def following(
    session: AsyncSession, viewer: Principal, target: FollowTarget, page: PageRequest
) -> Page[Follow]:
    return await SocialRepository(session).following_page(viewer.user_id, target, page)


async def followers(
    session: AsyncSession,
    viewer: Principal,
    target: FollowTarget,
    target_id: uuid.UUID,
    page: PageRequest,
) -> Page[Follow] | None:
    if not await _visible(session, viewer, target, target_id):
        return None
    return await SocialRepository(session).followers_page(target, target_id, page)


async def _visible(
    session: AsyncSession, viewer: Principal, target: FollowTarget, target_id: uuid.UUID
) -> bool:
    if target is FollowTarget.USER:
        return await users.get_user(session, viewer, target_id) is not None
    if target is FollowTarget.TEAM:
        team = await teams.get_team(session, viewer, target_id)
        return team is not None and not team.is_disbanded
    return await playgrounds.get_playground(session, viewer, target_id) is not None
