"""GraphQL names of the matches domain's enums, registered before any type or input uses them."""

from __future__ import annotations

import strawberry

from app.matches.challenges import Answer
from app.matches.models import ChallengeStatus, MatchEventType, MatchStatus, ResultKind
from app.matches.repository import MatchOrder

strawberry.enum(MatchStatus, name="MatchStatus", description="Состояние матча.")
strawberry.enum(ResultKind, name="MatchResultKind", description="Как подтверждён результат.")
strawberry.enum(MatchEventType, name="MatchEventType", description="Тип события протокола.")
strawberry.enum(ChallengeStatus, name="MatchChallengeStatus")
strawberry.enum(Answer, name="MatchChallengeAnswer")
strawberry.enum(MatchOrder, name="MatchOrder", description="Порядок списка матчей по времени.")

__all__ = ["Answer", "ChallengeStatus", "MatchEventType", "MatchOrder", "MatchStatus", "ResultKind"]
