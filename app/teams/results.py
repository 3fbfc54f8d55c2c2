"""Mutation payloads and the typed errors that share their result unions."""

from __future__ import annotations

import strawberry

from app.graphql.errors import UserError, maps
from app.teams.errors import (
    AlreadyTeamMemberError,
    ApplicationAlreadyPendingError,
    ApplicationNotPendingError,
    CaptainCannotLeaveError,
    InvitationAlreadyPendingError,
    InvitationNotAllowedError,
    InvitationNotPendingError,
    NotTeamMemberError,
    RosterFullError,
    TeamDisbandBlockedError,
    TeamDisbandedError,
    TeamLimitReachedError,
)
from app.teams.models import ApplicationStatus, InvitationStatus
from app.teams.types import Team, TeamApplication, TeamInvitation, TeamMember


@strawberry.type
class CreateTeamPayload:
    team: Team


@strawberry.type
class UpdateTeamPayload:
    team: Team


@strawberry.type
class SetHomePlaygroundsPayload:
    team: Team


@strawberry.type
class DisbandTeamPayload:
    team: Team


@strawberry.type
class LeaveTeamPayload:
    team: Team


@strawberry.type
class RemoveTeamMemberPayload:
    team: Team


@strawberry.type
class TransferCaptaincyPayload:
    team: Team


@strawberry.type
class ApplyToTeamPayload:
    application: TeamApplication


@strawberry.type
class WithdrawTeamApplicationPayload:
    application: TeamApplication


@strawberry.type
class DecideTeamApplicationPayload:
    application: TeamApplication
    member: TeamMember | None = strawberry.field(description="Новый участник, если заявка принята.")


@strawberry.type
class InviteToTeamPayload:
    invitation: TeamInvitation


@strawberry.type
class RespondToTeamInvitationPayload:
    invitation: TeamInvitation
    member: TeamMember | None = strawberry.field(
        description="Новый участник, если приглашение принято."
    )


@maps(TeamDisbandedError)
@strawberry.type
class TeamDisbanded(UserError):
    pass


@maps(TeamLimitReachedError)
@strawberry.type
class TeamLimitReached(UserError):
    limit: int


@maps(TeamDisbandBlockedError)
@strawberry.type
class TeamDisbandBlocked(UserError):
    pass


@maps(NotTeamMemberError)
@strawberry.type
class NotTeamMember(UserError):
    pass


@maps(AlreadyTeamMemberError)
@strawberry.type
class AlreadyTeamMember(UserError):
    pass


@maps(CaptainCannotLeaveError)
@strawberry.type
class CaptainCannotLeave(UserError):
    pass


@maps(RosterFullError)
@strawberry.type
class RosterFull(UserError):
    limit: int


@maps(ApplicationAlreadyPendingError)
@strawberry.type
class ApplicationAlreadyPending(UserError):
    pass


@maps(InvitationAlreadyPendingError)
@strawberry.type
class InvitationAlreadyPending(UserError):
    pass


@maps(ApplicationNotPendingError)
@strawberry.type
class ApplicationNotPending(UserError):
    status: ApplicationStatus


@maps(InvitationNotPendingError)
@strawberry.type
class InvitationNotPending(UserError):
    status: InvitationStatus


@maps(InvitationNotAllowedError)
@strawberry.type
class InvitationNotAllowed(UserError):
    pass
