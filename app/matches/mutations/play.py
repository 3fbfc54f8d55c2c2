from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.errors import NotFound, ValidationFailed
from app.graphql.fields import mutation
from app.graphql.ids import parse_id, require_id
from app.graphql.permissions import authenticated
from app.matches import play
from app.matches.inputs import (
    CancelMatchInput,
    RecordMatchEventInput,
    SetMatchLineupInput,
    StartMatchInput,
)
from app.matches.limits import PROTOCOL_PER_USER
from app.matches.results import (
    LineupConflict,
    MatchPayload,
    MatchTooEarly,
    RecordMatchEventPayload,
    WrongMatchStatus,
)
from app.matches.types import Match, MatchEvent
from app.ratelimit.types import RateLimited

SetMatchLineupResult = Annotated[
    MatchPayload | ValidationFailed | NotFound | WrongMatchStatus | LineupConflict,
    strawberry.union("SetMatchLineupResult"),
]
StartMatchResult = Annotated[
    MatchPayload | NotFound | WrongMatchStatus | MatchTooEarly,
    strawberry.union("StartMatchResult"),
]
RecordMatchEventResult = Annotated[
    RecordMatchEventPayload | ValidationFailed | NotFound | WrongMatchStatus | RateLimited,
    strawberry.union("RecordMatchEventResult"),
]
CancelMatchResult = Annotated[
    MatchPayload | ValidationFailed | NotFound | WrongMatchStatus,
    strawberry.union("CancelMatchResult"),
]


@strawberry.type
class PlayMutation:
    @mutation(
        permission_classes=authenticated(),
        description="Назвать состав своей команды на матч (капитан; до конца матча).",
    )
    async def set_match_lineup(
        self, info: Info, input: SetMatchLineupInput
    ) -> SetMatchLineupResult:
        context = info.context
        match = await play.set_lineup(
            context.session,
            context.actor(),
            require_id(input.match_id),
            [parse_id(player_id) for player_id in input.player_ids],
            now=context.now(),
        )
        return MatchPayload(match=Match.from_model(match))

    @mutation(
        permission_classes=authenticated(),
        description="Начать матч (капитан одной из команд или судья); составы фиксируются.",
    )
    async def start_match(self, info: Info, input: StartMatchInput) -> StartMatchResult:
        context = info.context
        match = await play.start_match(
            context.session,
            context.actor(),
            require_id(input.match_id),
            now=context.now(),
            settings=context.container.settings.matches,
        )
        return MatchPayload(match=Match.from_model(match))

    @mutation(
        permission_classes=authenticated(),
        rate_limits=[PROTOCOL_PER_USER],
        description="Записать событие в протокол идущего матча (капитан — своей команды, судья).",
    )
    async def record_match_event(
        self, info: Info, input: RecordMatchEventInput
    ) -> RecordMatchEventResult:
        context = info.context
        match, event = await play.record_event(
            context.session,
            context.actor(),
            require_id(input.match_id),
            input.to_fields(),
            now=context.now(),
        )
        return RecordMatchEventPayload(
            match=Match.from_model(match), event=MatchEvent.from_model(event)
        )

    @mutation(
        permission_classes=authenticated(),
        description="Отменить матч: капитан — назначенный товарищеский, судья или модератор — "
        "любой назначенный или идущий.",
    )
    async def cancel_match(self, info: Info, input: CancelMatchInput) -> CancelMatchResult:
        context = info.context
        match = await play.cancel_match(
            context.session,
            context.actor(),
            require_id(input.match_id),
            input.reason,
            now=context.now(),
        )
        return MatchPayload(match=Match.from_model(match))
