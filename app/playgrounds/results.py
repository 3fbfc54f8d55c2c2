"""Mutation payloads and the typed errors that share their result unions."""

from __future__ import annotations

from datetime import datetime

import strawberry

from app.graphql.errors import UserError, maps
from app.playgrounds.enums import PlaygroundStatus
from app.playgrounds.errors import (
    AlreadyCheckedInError,
    PlaygroundNotApprovedError,
    PlaygroundNotPendingError,
    ReportAlreadyResolvedError,
    TooFarToCheckInError,
)
from app.playgrounds.types import (
    Playground,
    PlaygroundCheckIn,
    PlaygroundConditionReport,
    PlaygroundReview,
)


@strawberry.type
class ProposePlaygroundPayload:
    playground: Playground


@strawberry.type
class ModeratePlaygroundPayload:
    playground: Playground


@strawberry.type
class ReviewPlaygroundPayload:
    review: PlaygroundReview
    playground: Playground = strawberry.field(description="С пересчитанной оценкой.")


@strawberry.type
class DeleteMyReviewPayload:
    playground: Playground


@strawberry.type
class CheckInPayload:
    check_in: PlaygroundCheckIn
    playground: Playground


@strawberry.type
class ReportPlaygroundConditionPayload:
    report: PlaygroundConditionReport


@strawberry.type
class ResolveConditionReportPayload:
    report: PlaygroundConditionReport


@maps(PlaygroundNotPendingError)
@strawberry.type
class PlaygroundNotPending(UserError):
    status: PlaygroundStatus


@maps(PlaygroundNotApprovedError)
@strawberry.type
class PlaygroundNotApproved(UserError):
    pass


@maps(AlreadyCheckedInError)
@strawberry.type
class AlreadyCheckedIn(UserError):
    next_check_in_at: datetime = strawberry.field(description="Когда можно отметиться снова.")


@maps(TooFarToCheckInError)
@strawberry.type
class TooFarToCheckIn(UserError):
    distance_meters: int
    max_distance_meters: int


@maps(ReportAlreadyResolvedError)
@strawberry.type
class ReportAlreadyResolved(UserError):
    pass
