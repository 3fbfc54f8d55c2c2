from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import strawberry

from app.errors import BadRequestError
from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import parse_id, require_id
from app.graphql.pagination import FIRST_DESCRIPTION, Connection
from app.graphql.permissions import authenticated
from app.lobbies import service
from app.lobbies.inputs import (
    CancelLobbyInput,
    CreateLobbyInput,
    JoinLobbyInput,
    LeaveLobbyInput,
    NearInput,
)
from app.lobbies.limits import LOBBIES_PER_USER
from app.lobbies.results import (
    AlreadyInLobby,
    CreatorCannotLeave,
    LobbyFull,
    LobbyPayload,
    NotInLobby,
    WrongLobbyStatus,
)
from app.lobbies.types import Lobby
from app.pagination import DEFAULT_PAGE_SIZE, PageRequest
from app.playgrounds.results import PlaygroundNotApproved
from app.ratelimit.types import RateLimited

First = Annotated[int, strawberry.argument(description=FIRST_DESCRIPTION)]

CreateLobbyResult = Annotated[
    LobbyPayload | ValidationFailed | NotFound | PlaygroundNotApproved | RateLimited,
    strawberry.union("CreateLobbyResult"),
]
JoinLobbyResult = Annotated[
    LobbyPayload | NotFound | WrongLobbyStatus | LobbyFull | AlreadyInLobby,
    strawberry.union("JoinLobbyResult"),
]
LeaveLobbyResult = Annotated[
    LobbyPayload | NotFound | WrongLobbyStatus | NotInLobby | CreatorCannotLeave,
    strawberry.union("LeaveLobbyResult"),
]
CancelLobbyResult = Annotated[
    LobbyPayload | NotFound | WrongLobbyStatus, strawberry.union("CancelLobbyResult")
]


@strawberry.type
class LobbyQuery:
    @strawberry.field(permission_classes=authenticated(), description="Лобби по id.")
    async def lobby(self, info: Info, id: strawberry.ID) -> Lobby | None:
        lobby_id = parse_id(id)
        if lobby_id is None:
            return None
        lobby = await service.get_lobby(info.context.session, info.context.actor(), lobby_id)
        return Lobby.from_model(lobby) if lobby else None

    @strawberry.field(
        permission_classes=authenticated(),
        description="Лобби, которые ещё не закончились и не отменены, по времени начала; "
        "фильтры: вид спорта, площадка (её расписание), круг на карте, начало в [from, to).",
    )
    async def lfg_lobbies(
        self,
        info: Info,
        sport_id: strawberry.ID | None = None,
        playground_id: strawberry.ID | None = None,
        near: NearInput | None = None,
        starts_from: Annotated[datetime | None, strawberry.argument(name="from")] = None,
        starts_to: Annotated[datetime | None, strawberry.argument(name="to")] = None,
        first: First = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Lobby]:
        page = await service.find_lobbies(
            info.context.session,
            info.context.actor(),
            sport_id=_filter_id(sport_id),
            playground_id=_filter_id(playground_id),
            near=near.to_near() if near else None,
            starts_from=service.as_utc(starts_from) if starts_from else None,
            starts_to=service.as_utc(starts_to) if starts_to else None,
            page=PageRequest(first=first, after=after),
            now=info.context.now(),
        )
        return Connection.from_page(page, Lobby.from_model)


@strawberry.type
class LobbyMutation:
    @mutation(
        permission_classes=authenticated(),
        description="Создать лобби «ищу игру»; создатель — первый участник.",
        rate_limits=[LOBBIES_PER_USER],
    )
    async def create_lobby(self, info: Info, input: CreateLobbyInput) -> CreateLobbyResult:
        context = info.context
        lobby = await service.create_lobby(
            context.session, context.actor(), input.to_fields(), now=context.now()
        )
        return LobbyPayload(lobby=Lobby.from_model(lobby))

    @mutation(permission_classes=authenticated(), description="Присоединиться к лобби.")
    async def join_lobby(self, info: Info, input: JoinLobbyInput) -> JoinLobbyResult:
        context = info.context
        lobby = await service.join_lobby(
            context.session, context.actor(), require_id(input.lobby_id), now=context.now()
        )
        return LobbyPayload(lobby=Lobby.from_model(lobby))

    @mutation(permission_classes=authenticated(), description="Выйти из лобби до начала.")
    async def leave_lobby(self, info: Info, input: LeaveLobbyInput) -> LeaveLobbyResult:
        context = info.context
        lobby = await service.leave_lobby(
            context.session, context.actor(), require_id(input.lobby_id), now=context.now()
        )
        return LobbyPayload(lobby=Lobby.from_model(lobby))

    @mutation(permission_classes=authenticated(), description="Отменить лобби (создатель).")
    async def cancel_lobby(self, info: Info, input: CancelLobbyInput) -> CancelLobbyResult:
        context = info.context
        lobby = await service.cancel_lobby(
            context.session, context.actor(), require_id(input.lobby_id), now=context.now()
        )
        return LobbyPayload(lobby=Lobby.from_model(lobby))


def _filter_id(value: strawberry.ID | None) -> uuid.UUID | None:
    if value is None:
        return None
    parsed = parse_id(value)
    if parsed is None:
        raise BadRequestError("Некорректный идентификатор в фильтре")
    return parsed
