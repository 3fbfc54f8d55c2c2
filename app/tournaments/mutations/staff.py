from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import require_id
from app.graphql.permissions import authenticated
from app.ratelimit.types import RateLimited
from app.tournaments import staff
from app.tournaments.inputs import PostTournamentAnnouncementInput, TournamentJudgeInput
from app.tournaments.limits import ANNOUNCEMENTS_PER_USER
from app.tournaments.results import (
    JudgeAlreadyAssigned,
    PostTournamentAnnouncementPayload,
    TournamentPayload,
    TournamentStateInvalid,
)
from app.tournaments.types import Tournament, TournamentAnnouncement

JudgeResult = Annotated[
    TournamentPayload | NotFound | TournamentStateInvalid | JudgeAlreadyAssigned,
    strawberry.union("TournamentJudgeResult"),
]
PostTournamentAnnouncementResult = Annotated[
    PostTournamentAnnouncementPayload | ValidationFailed | NotFound | RateLimited,
    strawberry.union("PostTournamentAnnouncementResult"),
]


@strawberry.type
class TournamentStaffMutation:
    @mutation(permission_classes=authenticated(), description="Назначить судью турнира.")
    async def assign_judge(self, info: Info, input: TournamentJudgeInput) -> JudgeResult:
        context = info.context
        t = await staff.assign_judge(
            context.session,
            context.actor(),
            require_id(input.tournament_id),
            require_id(input.user_id),
            now=context.now(),
        )
        return TournamentPayload(tournament=Tournament.from_model(t))

    @mutation(permission_classes=authenticated(), description="Снять судью турнира.")
    async def remove_judge(self, info: Info, input: TournamentJudgeInput) -> JudgeResult:
        context = info.context
        t = await staff.remove_judge(
            context.session,
            context.actor(),
            require_id(input.tournament_id),
            require_id(input.user_id),
            now=context.now(),
        )
        return TournamentPayload(tournament=Tournament.from_model(t))

    @mutation(
        permission_classes=authenticated(),
        description="Объявление для участников (организатор).",
        rate_limits=[ANNOUNCEMENTS_PER_USER],
    )
    async def post_tournament_announcement(
        self, info: Info, input: PostTournamentAnnouncementInput
    ) -> PostTournamentAnnouncementResult:
        context = info.context
        a = await staff.post_announcement(
            context.session,
            context.actor(),
            require_id(input.tournament_id),
            input.body,
            now=context.now(),
        )
        t = await context.loaders.tournament_by_id.load(a.tournament_id)
        assert t is not None
        return PostTournamentAnnouncementPayload(
            announcement=TournamentAnnouncement.from_model(a),
            tournament=Tournament.from_model(t),
        )
