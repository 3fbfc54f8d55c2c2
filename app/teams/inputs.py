from __future__ import annotations

import uuid

import strawberry

from app.graphql.ids import parse_id
from app.teams import service
from app.teams.enums import Answer, Decision, TeamRole


@strawberry.input
class CreateTeamInput:
    name: str
    sport_id: strawberry.ID
    city: str
    motto: str | None = None
    description: str | None = None
    logo_url: str | None = None

    def to_fields(self) -> service.NewTeam:
        return service.NewTeam(
            name=self.name,
            sport_id=parse_id(self.sport_id),
            city=self.city,
            motto=self.motto,
            description=self.description,
            logo_url=self.logo_url,
        )


@strawberry.input(
    description="Изменяются только переданные поля; null очищает необязательное поле."
)
class UpdateTeamInput:
    team_id: strawberry.ID
    name: str | None = strawberry.UNSET
    city: str | None = strawberry.UNSET
    motto: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    logo_url: str | None = strawberry.UNSET
    regenerate_slug: bool = strawberry.field(
        default=False,
        description="Построить адрес заново из (нового) названия; иначе адрес не меняется.",
    )

    def to_changes(self) -> service.TeamChanges:
        names = ("name", "city", "motto", "description", "logo_url")
        given = {name: getattr(self, name) for name in names}
        return {k: v for k, v in given.items() if v is not strawberry.UNSET}  # type: ignore[return-value]


@strawberry.input
class SetHomePlaygroundsInput:
    team_id: strawberry.ID
    playground_ids: list[strawberry.ID] = strawberry.field(
        description="Одобренные площадки в нужном порядке; пустой список убирает все."
    )

    def to_ids(self) -> list[uuid.UUID | None]:
        return [parse_id(playground_id) for playground_id in self.playground_ids]


@strawberry.input
class DisbandTeamInput:
    team_id: strawberry.ID


@strawberry.input
class LeaveTeamInput:
    team_id: strawberry.ID


@strawberry.input
class RemoveTeamMemberInput:
    team_id: strawberry.ID
    user_id: strawberry.ID


@strawberry.input
class TransferCaptaincyInput:
    team_id: strawberry.ID
    user_id: strawberry.ID = strawberry.field(description="Участник, который станет капитаном.")


@strawberry.input
class ApplyToTeamInput:
    team_id: strawberry.ID
    message: str | None = None


@strawberry.input
class WithdrawTeamApplicationInput:
    application_id: strawberry.ID


@strawberry.input
class DecideTeamApplicationInput:
    application_id: strawberry.ID
    decision: Decision
    reason: str | None = None


@strawberry.input
class InviteToTeamInput:
    team_id: strawberry.ID
    user_id: strawberry.ID
    role: TeamRole = strawberry.field(
        default=TeamRole.PLAYER, description="Роль в команде после принятия (не CAPTAIN)."
    )


@strawberry.input
class RespondToTeamInvitationInput:
    invitation_id: strawberry.ID
    answer: Answer
