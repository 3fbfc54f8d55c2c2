from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import require_id
from app.graphql.permissions import authenticated
from app.tournaments import advancement, service
from app.tournaments.inputs import (
    CancelTournamentInput,
    CreateTournamentInput,
    StartTournamentInput,
    TournamentIdInput,
    UpdateTournamentInput,
)
from app.tournaments.results import (
    NotEnoughParticipants,
    TournamentPayload,
    TournamentStateInvalid,
)
from app.tournaments.types import Tournament

CreateTournamentResult = Annotated[
    TournamentPayload | ValidationFailed, strawberry.union("CreateTournamentResult")
]
UpdateTournamentResult = Annotated[
    TournamentPayload | ValidationFailed | NotFound | TournamentStateInvalid,
    strawberry.union("UpdateTournamentResult"),
]
MoveTournamentResult = Annotated[
    TournamentPayload | NotFound | TournamentStateInvalid,
    strawberry.union("MoveTournamentResult"),
]
StartTournamentResult = Annotated[
    TournamentPayload
    | ValidationFailed
    | NotFound
    | TournamentStateInvalid
    | NotEnoughParticipants,
    strawberry.union("StartTournamentResult"),
]
CancelTournamentResult = Annotated[
    TournamentPayload | ValidationFailed | NotFound | TournamentStateInvalid,
    strawberry.union("CancelTournamentResult"),
]


async def _move(info: Info, input: TournamentIdInput, verb: str) -> TournamentPayload:
    context = info.context
    t = await service.move(
        context.session, context.actor(), require_id(input.tournament_id), verb, now=context.now()
    )
    return TournamentPayload(tournament=Tournament.from_model(t))


@strawberry.type
class TournamentLifecycleMutation:
    @mutation(permission_classes=authenticated(), description="Создать турнир (организатор).")
    async def create_tournament(
        self, info: Info, input: CreateTournamentInput
    ) -> CreateTournamentResult:
        context = info.context
        t = await service.create_tournament(
            context.session, context.actor(), input.settings.to_fields(), now=context.now()
        )
        return TournamentPayload(tournament=Tournament.from_model(t))

    @mutation(
        permission_classes=authenticated(),
        description="Изменить настройки (организатор; пока турнир черновик или анонсирован).",
    )
    async def update_tournament(
        self, info: Info, input: UpdateTournamentInput
    ) -> UpdateTournamentResult:
        context = info.context
        t = await service.update_tournament(
            context.session,
            context.actor(),
            require_id(input.tournament_id),
            input.settings.to_fields(),
            now=context.now(),
        )
        return TournamentPayload(tournament=Tournament.from_model(t))

    @mutation(permission_classes=authenticated(), description="Анонсировать черновик.")
    async def announce_tournament(
        self, info: Info, input: TournamentIdInput
    ) -> MoveTournamentResult:
        return await _move(info, input, "announce")

    @mutation(
        permission_classes=authenticated(),
        description="Открыть регистрацию анонсированного турнира.",
    )
    async def open_registration(self, info: Info, input: TournamentIdInput) -> MoveTournamentResult:
        return await _move(info, input, "open_registration")

    @mutation(
        permission_classes=authenticated(),
        description="Закрыть приём заявок раньше срока (решения по поданным заявкам остаются).",
    )
    async def close_registration(
        self, info: Info, input: TournamentIdInput
    ) -> MoveTournamentResult:
        context = info.context
        t = await service.close_registration(
            context.session, context.actor(), require_id(input.tournament_id), now=context.now()
        )
        return TournamentPayload(tournament=Tournament.from_model(t))

    @mutation(
        permission_classes=authenticated(),
        description="Начать турнир: посев, сетка и матчи первого тура.",
    )
    async def start_tournament(
        self, info: Info, input: StartTournamentInput
    ) -> StartTournamentResult:
        context = info.context
        manual = [require_id(i) for i in input.seeding] if input.seeding else None
        t = await advancement.start(
            context.session,
            context.actor(),
            require_id(input.tournament_id),
            manual,
            now=context.now(),
        )
        return TournamentPayload(tournament=Tournament.from_model(t))

    @mutation(permission_classes=authenticated(), description="Приостановить идущий турнир.")
    async def suspend_tournament(
        self, info: Info, input: TournamentIdInput
    ) -> MoveTournamentResult:
        return await _move(info, input, "suspend")

    @mutation(permission_classes=authenticated(), description="Продолжить приостановленный турнир.")
    async def resume_tournament(self, info: Info, input: TournamentIdInput) -> MoveTournamentResult:
        context = info.context
        t = await advancement.resume(
            context.session, context.actor(), require_id(input.tournament_id), now=context.now()
        )
        return TournamentPayload(tournament=Tournament.from_model(t))

    @mutation(
        permission_classes=authenticated(),
        description="Отменить турнир: открытые матчи отменяются, взносы возвращаются.",
    )
    async def cancel_tournament(
        self, info: Info, input: CancelTournamentInput
    ) -> CancelTournamentResult:
        context = info.context
        t = await advancement.cancel(
            context.session,
            context.actor(),
            require_id(input.tournament_id),
            input.reason,
            now=context.now(),
        )
        return TournamentPayload(tournament=Tournament.from_model(t))
