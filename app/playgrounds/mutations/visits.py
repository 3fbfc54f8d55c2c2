from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import require_id
from app.graphql.permissions import authenticated
from app.playgrounds import check_ins, reviews
from app.playgrounds.inputs import CheckInInput, DeleteMyReviewInput, ReviewPlaygroundInput
from app.playgrounds.limits import CHECK_IN_PER_USER, REVIEW_PER_USER
from app.playgrounds.results import (
    AlreadyCheckedIn,
    CheckInPayload,
    DeleteMyReviewPayload,
    PlaygroundNotApproved,
    ReviewPlaygroundPayload,
    TooFarToCheckIn,
)
from app.playgrounds.types import Playground, PlaygroundCheckIn, PlaygroundReview
from app.ratelimit.types import RateLimited

ReviewPlaygroundResult = Annotated[
    ReviewPlaygroundPayload | ValidationFailed | NotFound | PlaygroundNotApproved | RateLimited,
    strawberry.union("ReviewPlaygroundResult"),
]
DeleteMyReviewResult = Annotated[
    DeleteMyReviewPayload | NotFound | PlaygroundNotApproved,
    strawberry.union("DeleteMyReviewResult"),
]
CheckInResult = Annotated[
    CheckInPayload
    | ValidationFailed
    | NotFound
    | PlaygroundNotApproved
    | AlreadyCheckedIn
    | TooFarToCheckIn
    | RateLimited,
    strawberry.union("CheckInResult"),
]


@strawberry.type
class PlaygroundVisitMutation:
    @mutation(
        permission_classes=authenticated(),
        rate_limits=[REVIEW_PER_USER],
        description="Оставить отзыв об площадке или изменить свой прежний.",
    )
    async def review_playground(
        self, info: Info, input: ReviewPlaygroundInput
    ) -> ReviewPlaygroundResult:
        context = info.context
        review, playground = await reviews.review_playground(
            context.session,
            context.actor(),
            require_id(input.playground_id),
            input.rating,
            input.comment,
            now=context.now(),
        )
        return ReviewPlaygroundPayload(
            review=PlaygroundReview.from_model(review),
            playground=Playground.from_model(playground),
        )

    @mutation(permission_classes=authenticated(), description="Удалить свой отзыв об площадке.")
    async def delete_my_review(
        self, info: Info, input: DeleteMyReviewInput
    ) -> DeleteMyReviewResult:
        context = info.context
        playground = await reviews.delete_my_review(
            context.session, context.actor(), require_id(input.playground_id), now=context.now()
        )
        return DeleteMyReviewPayload(playground=Playground.from_model(playground))

    @mutation(
        permission_classes=authenticated(),
        rate_limits=[CHECK_IN_PER_USER],
        description="Отметиться на площадке: не чаще раза в календарный день.",
    )
    async def check_in(self, info: Info, input: CheckInInput) -> CheckInResult:
        context = info.context
        check_in, playground = await check_ins.check_in(
            context.session,
            context.actor(),
            require_id(input.playground_id),
            input.comment,
            position=input.position.to_position() if input.position else None,
            rules=check_ins.CheckInRules.from_settings(context.container.settings.playgrounds),
            now=context.now(),
        )
        return CheckInPayload(
            check_in=PlaygroundCheckIn.from_model(check_in),
            playground=Playground.from_model(playground),
        )
