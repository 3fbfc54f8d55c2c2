from __future__ import annotations

import strawberry

from app.challenges.enums import Outcome, Verdict
from app.challenges.service import NewChallenge
from app.graphql.ids import parse_id


@strawberry.input
class CreateChallengeInput:
    opponent_id: strawberry.ID
    sport_id: strawberry.ID
    title: str = strawberry.field(description="От 5 до 50 символов.")
    wager: int = strawberry.field(description="Ставка каждой стороны, 0–10000 PD.")

    def to_fields(self) -> NewChallenge:
        return NewChallenge(
            opponent_id=parse_id(self.opponent_id),
            sport_id=parse_id(self.sport_id),
            title=self.title,
            wager=self.wager,
        )


@strawberry.input
class AcceptChallengeInput:
    challenge_id: strawberry.ID


@strawberry.input
class DeclineChallengeInput:
    challenge_id: strawberry.ID


@strawberry.input
class CancelChallengeInput:
    challenge_id: strawberry.ID


@strawberry.input
class ReportChallengeOutcomeInput:
    challenge_id: strawberry.ID
    result: Outcome = strawberry.field(description="С вашей точки зрения.")


@strawberry.input
class ResolveChallengeDisputeInput:
    challenge_id: strawberry.ID
    verdict: Verdict
    resolution: str = strawberry.field(description="Решение, от 10 символов.")
