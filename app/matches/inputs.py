from __future__ import annotations

from datetime import datetime

import strawberry

from app.graphql.ids import parse_id, require_id
from app.matches import challenges, play
from app.matches.enums import Answer, MatchEventType


@strawberry.input
class ChallengeTeamInput:
    from_team_id: strawberry.ID = strawberry.field(description="Моя команда (я её капитан).")
    to_team_id: strawberry.ID = strawberry.field(description="Команда того же вида спорта.")
    proposed_at: datetime
    playground_id: strawberry.ID = strawberry.field(description="Одобренная площадка.")
    message: str | None = None

    def to_fields(self) -> challenges.NewChallenge:
        return challenges.NewChallenge(
            from_team_id=require_id(self.from_team_id),
            to_team_id=parse_id(self.to_team_id),
            playground_id=parse_id(self.playground_id),
            proposed_at=self.proposed_at,
            message=self.message,
        )


@strawberry.input
class RespondToChallengeInput:
    challenge_id: strawberry.ID
    answer: Answer
    new_time: datetime | None = strawberry.field(
        default=None, description="Новое время, для PROPOSE_TIME."
    )


@strawberry.input
class WithdrawMatchChallengeInput:
    challenge_id: strawberry.ID


@strawberry.input
class SetMatchLineupInput:
    match_id: strawberry.ID
    player_ids: list[strawberry.ID] = strawberry.field(
        description="Игроки моей команды на этот матч, по порядку."
    )


@strawberry.input
class StartMatchInput:
    match_id: strawberry.ID


@strawberry.input
class RecordMatchEventInput:
    match_id: strawberry.ID
    type: MatchEventType
    minute: int
    team_id: strawberry.ID
    player_id: strawberry.ID | None = None
    related_player_id: strawberry.ID | None = strawberry.field(
        default=None, description="Ассистент гола или игрок, выходящий на замену."
    )
    comment: str | None = None

    def to_fields(self) -> play.NewMatchEvent:
        return play.NewMatchEvent(
            type=self.type,
            minute=self.minute,
            team_id=parse_id(self.team_id),
            player_id=require_id(self.player_id) if self.player_id is not None else None,
            related_player_id=(
                require_id(self.related_player_id) if self.related_player_id is not None else None
            ),
            comment=self.comment,
        )


@strawberry.input
class ReportMatchResultInput:
    match_id: strawberry.ID
    our_score: int = strawberry.field(description="Сколько забила моя команда.")
    their_score: int = strawberry.field(description="Сколько забил соперник.")
    comment: str | None = None


@strawberry.input
class DisputeMatchResultInput:
    match_id: strawberry.ID
    reason: str
    evidence_urls: list[str] = strawberry.field(default_factory=list)


@strawberry.input
class ResolveMatchDisputeInput:
    match_id: strawberry.ID
    home_score: int
    away_score: int
    resolution: str = strawberry.field(description="Письменное решение для обеих команд.")


@strawberry.input
class AwardTechnicalResultInput:
    match_id: strawberry.ID
    winner_team_id: strawberry.ID
    reason: str


@strawberry.input
class CancelMatchInput:
    match_id: strawberry.ID
    reason: str
