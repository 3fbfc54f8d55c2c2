from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import require_id
from app.graphql.permissions import authenticated
from app.teams import invitations
from app.teams.inputs import InviteToTeamInput, RespondToTeamInvitationInput
from app.teams.results import (
    AlreadyTeamMember,
    ApplicationAlreadyPending,
    InvitationAlreadyPending,
    InvitationNotAllowed,
    InvitationNotPending,
    InviteToTeamPayload,
    RespondToTeamInvitationPayload,
    RosterFull,
    TeamDisbanded,
)
from app.teams.types import TeamInvitation, TeamMember

InviteToTeamResult = Annotated[
    InviteToTeamPayload
    | ValidationFailed
    | NotFound
    | TeamDisbanded
    | AlreadyTeamMember
    | InvitationAlreadyPending
    | ApplicationAlreadyPending
    | InvitationNotAllowed
    | RosterFull,
    strawberry.union("InviteToTeamResult"),
]
RespondToTeamInvitationResult = Annotated[
    RespondToTeamInvitationPayload
    | NotFound
    | TeamDisbanded
    | InvitationNotPending
    | AlreadyTeamMember
    | RosterFull,
    strawberry.union("RespondToTeamInvitationResult"),
]


@strawberry.type
class TeamInvitationMutation:
    @mutation(
        permission_classes=authenticated(),
        description="Пригласить пользователя в команду (капитан), с учётом его настроек.",
    )
    async def invite_to_team(self, info: Info, input: InviteToTeamInput) -> InviteToTeamResult:
        context = info.context
        invitation = await invitations.invite_to_team(
            context.session,
            context.actor(),
            require_id(input.team_id),
            require_id(input.user_id),
            input.role,
            now=context.now(),
        )
        return InviteToTeamPayload(invitation=TeamInvitation.from_model(invitation))

    @mutation(permission_classes=authenticated(), description="Принять или отклонить приглашение.")
    async def respond_to_team_invitation(
        self, info: Info, input: RespondToTeamInvitationInput
    ) -> RespondToTeamInvitationResult:
        context = info.context
        invitation, member = await invitations.respond_to_invitation(
            context.session,
            context.actor(),
            require_id(input.invitation_id),
            input.answer,
            now=context.now(),
        )
        return RespondToTeamInvitationPayload(
            invitation=TeamInvitation.from_model(invitation),
            member=TeamMember.from_model(member) if member else None,
        )
