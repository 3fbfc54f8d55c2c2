from __future__ import annotations

from typing import Annotated

import strawberry

from app.economy.types import InsufficientFunds
from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import require_id
from app.graphql.permissions import authenticated
from app.ratelimit.types import RateLimited
from app.teams.results import TeamDisbanded
from app.tournaments import registration
from app.tournaments.inputs import (
    ApplyToTournamentInput,
    DecideTournamentApplicationInput,
    TournamentApplicationIdInput,
)
from app.tournaments.limits import APPLICATIONS_PER_USER
from app.tournaments.models import TournamentEntry
from app.tournaments.results import (
    AlreadyRegistered,
    PlayerAlreadyEntered,
    RegistrationClosed,
    RequirementsNotMet,
    TournamentApplicationNotPending,
    TournamentApplicationPayload,
    TournamentFull,
    TournamentStateInvalid,
)
from app.tournaments.types import Tournament, TournamentApplication

ApplyToTournamentResult = Annotated[
    TournamentApplicationPayload
    | ValidationFailed
    | NotFound
    | TeamDisbanded
    | RegistrationClosed
    | TournamentFull
    | AlreadyRegistered
    | RequirementsNotMet
    | PlayerAlreadyEntered
    | InsufficientFunds
    | RateLimited,
    strawberry.union("ApplyToTournamentResult"),
]
DecideTournamentApplicationResult = Annotated[
    TournamentApplicationPayload
    | ValidationFailed
    | NotFound
    | TournamentStateInvalid
    | TournamentApplicationNotPending
    | TournamentFull,
    strawberry.union("DecideTournamentApplicationResult"),
]
TournamentApplicationResult = Annotated[
    TournamentApplicationPayload
    | NotFound
    | TournamentStateInvalid
    | TournamentApplicationNotPending,
    strawberry.union("TournamentApplicationResult"),
]


async def _payload(info: Info, entry: TournamentEntry) -> TournamentApplicationPayload:
    t = await info.context.loaders.tournament_by_id.load(entry.tournament_id)
    assert t is not None
    return TournamentApplicationPayload(
        application=TournamentApplication.from_model(entry), tournament=Tournament.from_model(t)
    )


@strawberry.type
class TournamentRegistrationMutation:
    @mutation(
        permission_classes=authenticated(),
        description="Подать заявку команды с составом (капитан).",
        rate_limits=[APPLICATIONS_PER_USER],
    )
    async def apply_to_tournament(
        self, info: Info, input: ApplyToTournamentInput
    ) -> ApplyToTournamentResult:
        context = info.context
        entry = await registration.apply(
            context.session,
            context.actor(),
            require_id(input.tournament_id),
            require_id(input.team_id),
            [require_id(i) for i in input.roster_user_ids],
            now=context.now(),
        )
        return await _payload(info, entry)

    @mutation(
        permission_classes=authenticated(),
        description="Одобрить или отклонить заявку (организатор).",
    )
    async def decide_tournament_application(
        self, info: Info, input: DecideTournamentApplicationInput
    ) -> DecideTournamentApplicationResult:
        context = info.context
        entry = await registration.decide(
            context.session,
            context.actor(),
            require_id(input.application_id),
            input.approve,
            input.reason,
            now=context.now(),
        )
        return await _payload(info, entry)

    @mutation(
        permission_classes=authenticated(), description="Отозвать заявку до старта (капитан)."
    )
    async def withdraw_from_tournament(
        self, info: Info, input: TournamentApplicationIdInput
    ) -> TournamentApplicationResult:
        context = info.context
        entry = await registration.withdraw(
            context.session, context.actor(), require_id(input.application_id), now=context.now()
        )
        return await _payload(info, entry)

    @mutation(
        permission_classes=authenticated(),
        description="Отметиться перед стартом (капитан; если организатор требует отметку).",
    )
    async def check_in_to_tournament(
        self, info: Info, input: TournamentApplicationIdInput
    ) -> TournamentApplicationResult:
        context = info.context
        entry = await registration.check_in(
            context.session, context.actor(), require_id(input.application_id), now=context.now()
        )
        return await _payload(info, entry)
