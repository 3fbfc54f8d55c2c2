from __future__ import annotations

from enum import StrEnum

import strawberry

from app.matches.types import Match, MatchEvent


class MatchUpdateKind(StrEnum):
    SCHEDULED = "SCHEDULED"
    LINEUP_SET = "LINEUP_SET"
    STARTED = "STARTED"
    EVENT_RECORDED = "EVENT_RECORDED"
    RESULT_REPORTED = "RESULT_REPORTED"
    DISPUTED = "DISPUTED"
    CONFIRMED = "CONFIRMED"
    CANCELLED = "CANCELLED"


strawberry.enum(MatchUpdateKind, name="MatchUpdateKind", description="Что изменилось в матче.")


@strawberry.type(description="Изменение матча: что случилось и матч после этого.")
class MatchUpdate:
    kind: MatchUpdateKind
    match: Match
    event: MatchEvent | None = strawberry.field(
        description="Новое событие протокола (для EVENT_RECORDED)."
    )
