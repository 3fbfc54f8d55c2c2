"""Reviews: one per user and playground, editable; the playground's rating is their average.

Every change takes the playground's row lock and then recounts its reviews, so concurrent
reviews serialise and the stored count and sum always match the reviews table.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import NotFoundError
from app.events import emit
from app.pagination import Page, PageRequest
from app.playgrounds.errors import PlaygroundNotApprovedError
from app.playgrounds.events import PlaygroundReviewDeleted, PlaygroundReviewed
from app.playgrounds.models import Playground, PlaygroundReview, PlaygroundStatus
from app.playgrounds.records import ReviewRepository
from app.playgrounds.repository import PlaygroundRepository
from app.playgrounds.service import approved_for_action, get_playground
from app.validation import Validator


async def review_playground(
    session: AsyncSession,
    actor: Principal,
    playground_id: uuid.UUID,
    rating: int,
    comment: str | None,
    *,
    now: datetime,
) -> tuple[PlaygroundReview, Playground]:
    """Write the caller's review, or replace the one they wrote before."""
    v = Validator()
    v.int_range("rating", rating, low=1, high=5)
    comment = v.text("comment", comment, min_len=10, max_len=2000)
    v.raise_if_any()
    playground = await _locked(session, actor, playground_id)
    reviews = ReviewRepository(session)
    review = await reviews.by_author(playground.id, actor.user_id)
    previous = review.rating if review else None
    if review is None:
        review = await reviews.add(
            PlaygroundReview(
                playground_id=playground.id,
                author_id=actor.user_id,
                rating=rating,
                comment=comment,
                created_at=now,
                updated_at=now,
            )
        )
    else:
        review.rating, review.comment, review.updated_at = rating, comment, now
    await PlaygroundRepository(session).refresh_rating(playground)
    event = PlaygroundReviewed(
        playground_id=playground.id,
        review_id=review.id,
        author_id=actor.user_id,
        rating=rating,
        previous_rating=previous,
        review_count=playground.review_count,
        average_rating=playground.rating or 0.0,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return review, playground


async def delete_my_review(
    session: AsyncSession, actor: Principal, playground_id: uuid.UUID, *, now: datetime
) -> Playground:
    playground = await _locked(session, actor, playground_id)
    reviews = ReviewRepository(session)
    review = await reviews.by_author(playground.id, actor.user_id)
    if review is None:
        raise NotFoundError("Вы ещё не оставляли отзыв об этой площадке")
    await reviews.delete(review)
    await PlaygroundRepository(session).refresh_rating(playground)
    event = PlaygroundReviewDeleted(
        playground_id=playground.id,
        review_id=review.id,
        author_id=actor.user_id,
        review_count=playground.review_count,
        average_rating=playground.rating,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return playground


async def list_reviews(
    session: AsyncSession, viewer: Principal, playground_id: uuid.UUID, *, page: PageRequest
) -> Page[PlaygroundReview] | None:
    """Newest first; ``None`` when the viewer cannot see the playground."""
    playground = await get_playground(session, viewer, playground_id)
    if playground is None:
        return None
    return await ReviewRepository(session).page_of(playground.id, page)


async def _locked(session: AsyncSession, actor: Principal, playground_id: uuid.UUID) -> Playground:
    await approved_for_action(session, actor, playground_id)
    playground = await PlaygroundRepository(session).get_for_update(playground_id)
    if playground is None:
        raise NotFoundError()
    if playground.status is not PlaygroundStatus.APPROVED:
        raise PlaygroundNotApprovedError()
    return playground
