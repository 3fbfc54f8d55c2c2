"""Friend requests and friendships.

Everything about one pair of users runs under the pair's advisory lock, so two people who ask
each other at the same moment end up with one friendship: whichever request comes second finds
the first and accepts it, instead of leaving two crossed requests.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError, NotFoundError
from app.events import emit
from app.pagination import Page, PageRequest
from app.social.errors import (
    AlreadyFriendsError,
    CannotBefriendSelfError,
    FriendRequestAlreadySentError,
    FriendRequestNotPendingError,
    NotFriendsError,
)
from app.social.events import (
    FriendRemoved,
    FriendRequestAccepted,
    FriendRequestCancelled,
    FriendRequestDeclined,
    FriendRequestSent,
)
from app.social.models import FriendRequest, FriendRequestStatus, Friendship
from app.social.repository import SocialRepository
from app.users import service as users
from app.users.models import User

SUGGESTION_LIMIT = 20


class Decision(StrEnum):
    ACCEPT = "ACCEPT"
    DECLINE = "DECLINE"


class Direction(StrEnum):
    INCOMING = "INCOMING"
    OUTGOING = "OUTGOING"


@dataclass(frozen=True, slots=True)
class Suggestion:
    user: User
    mutual_friends: int


async def send_request(
    session: AsyncSession, actor: Principal, user_id: uuid.UUID, *, now: datetime
) -> FriendRequest:
    """A request to someone who already asked you accepts theirs (and returns it, ACCEPTED)."""
    if user_id == actor.user_id:
        raise CannotBefriendSelfError()
    if await users.get_user(session, actor, user_id) is None:
        raise NotFoundError()
    repo = SocialRepository(session)
    await repo.lock_pair(actor.user_id, user_id)
    if await repo.are_friends(actor.user_id, user_id):
        raise AlreadyFriendsError()
    pending = await repo.pending_between(actor.user_id, user_id)
    if pending is not None and pending.from_user_id == actor.user_id:
        raise FriendRequestAlreadySentError()
    if pending is not None:
        await _accept(session, repo, actor, pending, now)
        return pending
    request = await repo.add_request(actor.user_id, user_id)
    event = FriendRequestSent(request_id=request.id, from_user_id=actor.user_id, to_user_id=user_id)
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return request


async def respond(
    session: AsyncSession,
    actor: Principal,
    request_id: uuid.UUID,
    decision: Decision,
    *,
    now: datetime,
) -> FriendRequest:
    repo = SocialRepository(session)
    request = await _locked(repo, actor, request_id)
    if request.to_user_id != actor.user_id:
        raise AccessDeniedError("Ответить на заявку может только её получатель")
    _require_pending(request)
    if decision is Decision.ACCEPT:
        await _accept(session, repo, actor, request, now)
        return request
    request.status = FriendRequestStatus.DECLINED
    request.decided_at = now
    await session.flush()
    event = FriendRequestDeclined(
        request_id=request.id, from_user_id=request.from_user_id, to_user_id=request.to_user_id
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return request


async def cancel(
    session: AsyncSession, actor: Principal, request_id: uuid.UUID, *, now: datetime
) -> FriendRequest:
    repo = SocialRepository(session)
    request = await _locked(repo, actor, request_id)
    if request.from_user_id != actor.user_id:
        raise AccessDeniedError("Отменить заявку может только её автор")
    _require_pending(request)
    request.status = FriendRequestStatus.CANCELLED
    request.decided_at = now
    await session.flush()
    event = FriendRequestCancelled(
        request_id=request.id, from_user_id=request.from_user_id, to_user_id=request.to_user_id
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return request


async def remove_friend(
    session: AsyncSession, actor: Principal, user_id: uuid.UUID, *, now: datetime
) -> None:
    repo = SocialRepository(session)
    await repo.lock_pair(actor.user_id, user_id)
    if not await repo.unfriend(actor.user_id, user_id):
        raise NotFriendsError()
    event = FriendRemoved(from_user_id=actor.user_id, to_user_id=user_id)
    emit(session, event, actor_id=actor.user_id, occurred_at=now)


async def friends_of(
    session: AsyncSession, viewer: Principal, user_id: uuid.UUID, page: PageRequest
) -> Page[Friendship] | None:
    """``None`` when the user is not visible to ``viewer``."""
    if await users.get_user(session, viewer, user_id) is None:
        return None
    return await SocialRepository(session).friends_page(user_id, page)


async def requests(
    session: AsyncSession, viewer: Principal, direction: Direction, page: PageRequest
) -> Page[FriendRequest]:
    incoming = direction is Direction.INCOMING
    return await SocialRepository(session).requests_page(
        viewer.user_id, incoming=incoming, request=page
    )


async def suggestions(
    session: AsyncSession, viewer: Principal, *, now: datetime, limit: int = SUGGESTION_LIMIT
) -> list[Suggestion]:
    """People the viewer may know: mutual friends first, then teammates, city and sports."""
    ranked = await SocialRepository(session).suggestions(viewer.user_id, limit=limit, now=now)
    found = await users.users_by_id(session, [user_id for user_id, _ in ranked])
    return [Suggestion(found[uid], mutual) for uid, mutual in ranked if uid in found]


async def _accept(
    session: AsyncSession,
    repo: SocialRepository,
    actor: Principal,
    request: FriendRequest,
    now: datetime,
) -> None:
    request.status = FriendRequestStatus.ACCEPTED
    request.decided_at = now
    await session.flush()
    await repo.befriend(request.from_user_id, request.to_user_id, now)
    event = FriendRequestAccepted(
        request_id=request.id, from_user_id=request.from_user_id, to_user_id=request.to_user_id
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)


async def _locked(repo: SocialRepository, actor: Principal, request_id: uuid.UUID) -> FriendRequest:
    """The request under its pair's lock, if ``actor`` is one of its two users.

    The pair's lock is taken before the row's, in the order ``send_request`` takes them.
    """
    request = await repo.find_request(request_id)
    if request is None or actor.user_id not in (request.from_user_id, request.to_user_id):
        raise NotFoundError()
    await repo.lock_pair(request.from_user_id, request.to_user_id)
    locked = await repo.get_request(request_id)
    assert locked is not None
    return locked


def _require_pending(request: FriendRequest) -> None:
    if request.status is not FriendRequestStatus.PENDING:
        raise FriendRequestNotPendingError()
