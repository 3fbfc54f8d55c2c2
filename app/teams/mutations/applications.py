from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import require_id
from app.graphql.permissions import authenticated
from app.teams import applications
from app.teams.inputs import (
    ApplyToTeamInput,
    DecideTeamApplicationInput,
    WithdrawTeamApplicationInput,
)
from app.teams.results import (
    AlreadyTeamMember,
    ApplicationAlreadyPending,
    ApplicationNotPending,
    ApplyToTeamPayload,
    DecideTeamApplicationPayload,
    InvitationAlreadyPending,
    RosterFull,
    TeamDisbanded,
    WithdrawTeamApplicationPayload,
)
from app.teams.types import TeamApplication, TeamMember

ApplyToTeamResult = Annotated[
    ApplyToTeamPayload
    | ValidationFailed
    | NotFound
    | TeamDisbanded
    | AlreadyTeamMember
    | ApplicationAlreadyPending
    | InvitationAlreadyPending
    | RosterFull,
    strawberry.union("ApplyToTeamResult"),
]
WithdrawTeamApplicationResult = Annotated[
    WithdrawTeamApplicationPayload | NotFound | TeamDisbanded | ApplicationNotPending,
    strawberry.union("WithdrawTeamApplicationResult"),
]
DecideTeamApplicationResult = Annotated[
    DecideTeamApplicationPayload
    | ValidationFailed
    | NotFound
    | TeamDisbanded
    | ApplicationNotPending
    | AlreadyTeamMember
    | RosterFull,
    strawberry.union("DecideTeamApplicationResult"),
]


@strawberry.type
class TeamApplicationMutation:
    @mutation(permission_classes=authenticated(), description="Подать заявку в команду.")
    async def apply_to_team(self, info: Info, input: ApplyToTeamInput) -> ApplyToTeamResult:
        context = info.context
        application = await applications.apply_to_team(
            context.session,
            context.actor(),
            require_id(input.team_id),
            input.message,
            now=context.now(),
        )
        return ApplyToTeamPayload(application=TeamApplication.from_model(application))

    @mutation(permission_classes=authenticated(), description="Отозвать свою заявку.")
    async def withdraw_team_application(
        self, info: Info, input: WithdrawTeamApplicationInput
    ) -> WithdrawTeamApplicationResult:
        context = info.context
        application = await applications.withdraw_application(
            context.session, context.actor(), require_id(input.application_id), now=context.now()
        )
        return WithdrawTeamApplicationPayload(application=TeamApplication.from_model(application))

    @mutation(
        permission_classes=authenticated(),
        description="Принять или отклонить заявку (капитан); принятый сразу становится игроком.",
    )
    async def decide_team_application(
        self, info: Info, input: DecideTeamApplicationInput
    ) -> DecideTeamApplicationResult:
        context = info.context
        application, member = await applications.decide_application(
            context.session,
            context.actor(),
            require_id(input.application_id),
            input.decision,
            input.reason,
            now=context.now(),
        )
        return DecideTeamApplicationPayload(
            application=TeamApplication.from_model(application),
            member=TeamMember.from_model(member) if member else None,
        )
