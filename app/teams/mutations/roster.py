from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import require_id
from app.graphql.permissions import authenticated
from app.teams import roster
from app.teams.inputs import LeaveTeamInput, RemoveTeamMemberInput, TransferCaptaincyInput
from app.teams.results import (
    CaptainCannotLeave,
    LeaveTeamPayload,
    NotTeamMember,
    RemoveTeamMemberPayload,
    TeamDisbanded,
    TeamLimitReached,
    TransferCaptaincyPayload,
)
from app.teams.types import Team

LeaveTeamResult = Annotated[
    LeaveTeamPayload | NotFound | TeamDisbanded | NotTeamMember | CaptainCannotLeave,
    strawberry.union("LeaveTeamResult"),
]
RemoveTeamMemberResult = Annotated[
    RemoveTeamMemberPayload | ValidationFailed | NotFound | TeamDisbanded | NotTeamMember,
    strawberry.union("RemoveTeamMemberResult"),
]
TransferCaptaincyResult = Annotated[
    TransferCaptaincyPayload
    | ValidationFailed
    | NotFound
    | TeamDisbanded
    | NotTeamMember
    | TeamLimitReached,
    strawberry.union("TransferCaptaincyResult"),
]


@strawberry.type
class RosterMutation:
    @mutation(permission_classes=authenticated(), description="Покинуть команду.")
    async def leave_team(self, info: Info, input: LeaveTeamInput) -> LeaveTeamResult:
        context = info.context
        team = await roster.leave_team(
            context.session, context.actor(), require_id(input.team_id), now=context.now()
        )
        return LeaveTeamPayload(team=Team.from_model(team))

    @mutation(permission_classes=authenticated(), description="Исключить участника (капитан).")
    async def remove_team_member(
        self, info: Info, input: RemoveTeamMemberInput
    ) -> RemoveTeamMemberResult:
        context = info.context
        team = await roster.remove_member(
            context.session,
            context.actor(),
            require_id(input.team_id),
            require_id(input.user_id),
            now=context.now(),
        )
        return RemoveTeamMemberPayload(team=Team.from_model(team))

    @mutation(
        permission_classes=authenticated(),
        description="Передать капитанство участнику команды; роли в системе не меняются.",
    )
    async def transfer_captaincy(
        self, info: Info, input: TransferCaptaincyInput
    ) -> TransferCaptaincyResult:
        context = info.context
        team = await roster.transfer_captaincy(
            context.session,
            context.actor(),
            require_id(input.team_id),
            require_id(input.user_id),
            now=context.now(),
            max_captained=context.container.settings.teams.max_captained_teams,
        )
        return TransferCaptaincyPayload(team=Team.from_model(team))
