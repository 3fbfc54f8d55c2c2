from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from app.challenges import models
from app.challenges.enums import ChallengeStatus, Outcome, Verdict
from app.graphql.context import Info
from app.graphql.ids import to_id
from app.sports.types import Sport
from app.users.types import User


async def _user(info: Info, user_id: uuid.UUID) -> User:
    user = await info.context.loaders.user_by_id.load(user_id)
    if user is None:
        raise RuntimeError(f"dangling user reference {user_id}")
    return User.from_model(user)


@strawberry.type(description="Личный вызов (дуэль) со ставкой в PD.")
class PersonalChallenge:
    id: strawberry.ID
    title: str
    wager: int = strawberry.field(description="Ставка каждой стороны, PD.")
    status: ChallengeStatus
    creator_report: Outcome | None
    opponent_report: Outcome | None
    verdict: Verdict | None
    resolution: str | None
    accepted_at: datetime | None
    settled_at: datetime | None
    created_at: datetime
    model: strawberry.Private[models.PersonalChallenge]

    @classmethod
    def from_model(cls, challenge: models.PersonalChallenge) -> PersonalChallenge:
        return cls(
            id=to_id(challenge.id),
            title=challenge.title,
            wager=challenge.wager,
            status=challenge.status,
            creator_report=challenge.creator_report,
            opponent_report=challenge.opponent_report,
            verdict=challenge.verdict,
            resolution=challenge.resolution,
            accepted_at=challenge.accepted_at,
            settled_at=challenge.settled_at,
            created_at=challenge.created_at,
            model=challenge,
        )

    @strawberry.field
    async def creator(self, info: Info) -> User:
        return await _user(info, self.model.creator_id)

    @strawberry.field
    async def opponent(self, info: Info) -> User:
        return await _user(info, self.model.opponent_id)

    @strawberry.field
    async def winner(self, info: Info) -> User | None:
        winner = self.model.winner_id()
        return await _user(info, winner) if winner else None

    @strawberry.field(
        description="Кто из сторон предложил отменить принятый вызов; отменится он, когда "
        "согласится и другая сторона."
    )
    async def cancel_requested_by(self, info: Info) -> User | None:
        requester = self.model.cancel_requested_by_id
        return await _user(info, requester) if requester else None

    @strawberry.field
    async def sport(self, info: Info) -> Sport:
        sport = await info.context.loaders.sport_by_id.load(self.model.sport_id)
        if sport is None:
            raise RuntimeError(f"dangling sport reference {self.model.sport_id}")
        return Sport.from_model(sport)
