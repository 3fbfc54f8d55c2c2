from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import require_id
from app.graphql.permissions import authenticated
from app.teams import service
from app.teams.inputs import (
    CreateTeamInput,
    DisbandTeamInput,
    SetHomePlaygroundsInput,
    UpdateTeamInput,
)
from app.teams.results import (
    CreateTeamPayload,
    DisbandTeamPayload,
    SetHomePlaygroundsPayload,
    TeamDisbandBlocked,
    TeamDisbanded,
    TeamLimitReached,
    UpdateTeamPayload,
)
from app.teams.types import Team

CreateTeamResult = Annotated[
    CreateTeamPayload | ValidationFailed | TeamLimitReached,
    strawberry.union("CreateTeamResult"),
]
UpdateTeamResult = Annotated[
    UpdateTeamPayload | ValidationFailed | NotFound | TeamDisbanded,
    strawberry.union("UpdateTeamResult"),
]
SetHomePlaygroundsResult = Annotated[
    SetHomePlaygroundsPayload | ValidationFailed | NotFound | TeamDisbanded,
    strawberry.union("SetHomePlaygroundsResult"),
]
DisbandTeamResult = Annotated[
    DisbandTeamPayload | NotFound | TeamDisbanded | TeamDisbandBlocked,
    strawberry.union("DisbandTeamResult"),
]


@strawberry.type
class TeamMutation:
    @mutation(
        permission_classes=authenticated(),
        description="Создать команду; создатель становится её капитаном.",
    )
    async def create_team(self, info: Info, input: CreateTeamInput) -> CreateTeamResult:
        context = info.context
        team = await service.create_team(
            context.session,
            context.actor(),
            input.to_fields(),
            now=context.now(),
            max_captained=context.container.settings.teams.max_captained_teams,
        )
        return CreateTeamPayload(team=Team.from_model(team))

    @mutation(permission_classes=authenticated(), description="Изменить команду (капитан).")
    async def update_team(self, info: Info, input: UpdateTeamInput) -> UpdateTeamResult:
        context = info.context
        team = await service.update_team(
            context.session,
            context.actor(),
            require_id(input.team_id),
            input.to_changes(),
            regenerate_slug=input.regenerate_slug,
            now=context.now(),
        )
        return UpdateTeamPayload(team=Team.from_model(team))

    @mutation(
        permission_classes=authenticated(),
        description="Задать домашние площадки команды (капитан; только одобренные площадки).",
    )
    async def set_home_playgrounds(
        self, info: Info, input: SetHomePlaygroundsInput
    ) -> SetHomePlaygroundsResult:
        context = info.context
        team, homes = await service.set_home_playgrounds(
            context.session,
            context.actor(),
            require_id(input.team_id),
            input.to_ids(),
            now=context.now(),
            limit=context.container.settings.teams.max_home_playgrounds,
        )
        context.loaders.home_playground_ids_by_team_id.prime(team.id, homes, force=True)
        return SetHomePlaygroundsPayload(team=Team.from_model(team))

    @mutation(permission_classes=authenticated(), description="Распустить команду (капитан).")
    async def disband_team(self, info: Info, input: DisbandTeamInput) -> DisbandTeamResult:
        context = info.context
        team = await service.disband_team(
            context.session, context.actor(), require_id(input.team_id), now=context.now()
        )
        return DisbandTeamPayload(team=Team.from_model(team))
